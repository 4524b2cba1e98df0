/**
 * Word pools for the generated world. City and state names are real (as in
 * TravelPlanner); every business and sight is invented.
 */

export interface StateSeed {
  name: string;
  abbr: string;
  /** Rough geographic centre, degrees. */
  lat: number;
  lon: number;
  cities: string[];
}

export const STATES: readonly StateSeed[] = [
  { name: "Texas", abbr: "TX", lat: 31.0, lon: -99.0, cities: ["Austin", "Dallas", "Houston", "San Antonio", "El Paso", "Lubbock", "Amarillo", "Waco"] },
  { name: "California", abbr: "CA", lat: 36.8, lon: -119.6, cities: ["Los Angeles", "San Diego", "San Francisco", "Sacramento", "Fresno", "San Jose", "Santa Barbara"] },
  { name: "Florida", abbr: "FL", lat: 28.4, lon: -82.0, cities: ["Miami", "Orlando", "Tampa", "Jacksonville", "Tallahassee", "Pensacola", "Key West"] },
  { name: "New York", abbr: "NY", lat: 42.8, lon: -75.5, cities: ["New York", "Buffalo", "Albany", "Rochester", "Syracuse", "Ithaca"] },
  { name: "Illinois", abbr: "IL", lat: 40.0, lon: -89.2, cities: ["Chicago", "Springfield", "Peoria", "Rockford", "Champaign", "Moline"] },
  { name: "Colorado", abbr: "CO", lat: 39.0, lon: -105.5, cities: ["Denver", "Colorado Springs", "Aspen", "Durango", "Grand Junction", "Fort Collins"] },
  { name: "Washington", abbr: "WA", lat: 47.4, lon: -120.5, cities: ["Seattle", "Spokane", "Tacoma", "Bellingham", "Yakima", "Wenatchee"] },
  { name: "Georgia", abbr: "GA", lat: 32.7, lon: -83.4, cities: ["Atlanta", "Savannah", "Augusta", "Macon", "Columbus", "Athens"] },
];

/** Cuisines a restaurant may list; the first seven are the ones queries ask for. */
export const ALL_CUISINES = [
  "Chinese",
  "American",
  "Italian",
  "Mexican",
  "Indian",
  "Mediterranean",
  "French",
  "Tea",
  "Cafe",
  "Pizza",
  "Bakery",
  "BBQ",
  "Fast Food",
  "Seafood",
  "Desserts",
] as const;

export const RESTAURANT_FIRST = [
  "Golden", "Blue", "Red", "Little", "Old", "Silver", "Green", "Sunny", "Copper", "Wild",
  "Urban", "Happy", "Lucky", "Royal", "Rustic", "Smoky", "Salty", "Sweet", "Crimson", "Velvet",
];
export const RESTAURANT_SECOND = [
  "Lantern", "Fig", "Oak", "Spoon", "Table", "Pepper", "Olive", "Basil", "Anchor", "Barrel",
  "Fork", "Kettle", "Harbor", "Garden", "Ember", "Willow", "Saffron", "Maple", "Dragon", "Lotus",
];
export const RESTAURANT_KIND = [
  "Bistro", "Kitchen", "Cafe", "Grill", "Diner", "Eatery", "House", "Tavern", "Bar & Grill",
  "Trattoria", "Cantina", "Bakery", "Noodle Bar", "Taqueria", "Brasserie", "Smokehouse", "",
];
export const SURNAMES = [
  "Rosa", "Marco", "Lena", "Hank", "Mei", "Omar", "Priya", "Jules", "Tony", "Nadia",
  "Carlos", "Ingrid", "Felix", "Sofia", "Ray", "Yuki", "Dmitri", "Amara", "Gus", "Leila",
];

export const STAY_ADJECTIVES = [
  "Cozy", "Sunny", "Spacious", "Charming", "Modern", "Quiet", "Bright", "Stylish", "Rustic",
  "Elegant", "Airy", "Peaceful", "Renovated", "Historic", "Comfy", "Chic",
];
export const STAY_PLACES = [
  "near Downtown", "by the River", "in the Arts District", "close to the Park", "with Garden View",
  "near the University", "in Old Town", "by the Station", "on Main Street", "with Rooftop Deck",
  "near the Museum Mile", "in a Leafy Neighborhood", "by the Lake", "near the Stadium",
];
export const STAY_UNITS: Record<"Entire home/apt" | "Private room" | "Shared room", string[]> = {
  "Entire home/apt": ["Apartment", "Loft", "House", "Studio", "Bungalow", "Cottage", "Condo", "Townhouse", "2BR Flat"],
  "Private room": ["Private Room", "Bedroom", "Guest Room", "Queen Room", "Private Suite", "Attic Room"],
  "Shared room": ["Shared Room", "Bunk Bed", "Dorm Bed", "Sofa Bed", "Shared Loft Space"],
};

export const SIGHT_KINDS = [
  "Museum", "Botanical Garden", "Zoo", "State Park", "Aquarium", "History Center", "Art Gallery",
  "Observatory", "Lighthouse", "Memorial", "Nature Preserve", "Riverwalk", "Old Town", "Science Center",
  "Children's Museum", "Sculpture Park", "Market Hall", "Heritage Village", "Waterfront Park",
  "Arboretum", "Opera House", "Bridge", "Canyon Trail", "Lake Park", "Farmers Market", "Railway Museum",
];
export const SIGHT_ADJECTIVES = [
  "Grand", "Pioneer", "Liberty", "Cedar", "Eagle", "Sunset", "Union", "Heritage", "Riverside",
  "Lincoln", "Founders", "Lakeside", "Highland", "Prairie", "Harbor", "Centennial",
];
export const STREETS = [
  "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "River",
  "Church", "Market", "Center", "Sunset", "Mill",
];
