/**
 * Data types of the travel sandbox. Field meanings follow the TravelPlanner database
 * (Xie et al. 2024); names are camelCase here and get the official column names only
 * where they are printed (tool observations) or read (the official loader).
 */

export type RoomType = "Entire home/apt" | "Private room" | "Shared room";

export const ROOM_TYPES: readonly RoomType[] = ["Entire home/apt", "Private room", "Shared room"];

/** House rules as TravelPlanner writes them in `house_rules`. */
export type HouseRuleText = "No parties" | "No smoking" | "No children under 10" | "No pets" | "No visitors";

export const HOUSE_RULE_TEXTS: readonly HouseRuleText[] = [
  "No parties",
  "No smoking",
  "No children under 10",
  "No pets",
  "No visitors",
];

export interface City {
  name: string;
  state: string;
}

export interface Flight {
  flightNumber: string;
  /** Per person, in dollars. */
  price: number;
  depTime: string;
  arrTime: string;
  /** e.g. "2 hours 5 minutes". */
  elapsed: string;
  /** YYYY-MM-DD. */
  date: string;
  origin: string;
  destination: string;
  /** Miles, as in the official table. */
  distance: number;
}

/** One directed row of the distance matrix. */
export interface DistanceEntry {
  origin: string;
  destination: string;
  /** e.g. "3 hours 2 mins"; null when there is no road connection. */
  duration: string | null;
  /** Kilometres; null when there is no road connection. */
  distanceKm: number | null;
}

export interface Accommodation {
  name: string;
  /** Per night, per room. */
  price: number;
  roomType: RoomType;
  /**
   * Raw rule strings (usually `HouseRuleText`). Generated listings always have one or more
   * (the official files have no listing without rules: `dropna` removes them).
   */
  houseRules: string[];
  minimumNights: number;
  maximumOccupancy: number;
  reviewRate: number;
  city: string;
}

export interface Restaurant {
  name: string;
  /** Per person, in dollars. */
  averageCost: number;
  cuisines: string[];
  rating: number;
  city: string;
}

export interface Attraction {
  name: string;
  latitude: number;
  longitude: number;
  address: string;
  city: string;
}

/** A whole sandbox database: generated from a seed or loaded from the official files. */
export interface World {
  source: "generated" | "official";
  /** The generator seed (null for loaded data). */
  seed: number | null;
  cities: City[];
  flights: Flight[];
  distances: DistanceEntry[];
  accommodations: Accommodation[];
  restaurants: Restaurant[];
  attractions: Attraction[];
}

/** House-rule constraint values as they appear in TravelPlanner queries. */
export type HouseRule = "parties" | "smoking" | "children under 10" | "pets" | "visitors";
export const HOUSE_RULES: readonly HouseRule[] = ["parties", "smoking", "children under 10", "pets", "visitors"];

export type RoomTypeConstraint = "entire room" | "private room" | "shared room" | "not shared room";
export const ROOM_TYPE_CONSTRAINTS: readonly RoomTypeConstraint[] = [
  "entire room",
  "private room",
  "shared room",
  "not shared room",
];

export type TransportConstraint = "no flight" | "no self-driving";
export const TRANSPORT_CONSTRAINTS: readonly TransportConstraint[] = ["no flight", "no self-driving"];

/** The cuisines a query may ask for (the official set). */
export const QUERY_CUISINES = [
  "Chinese",
  "American",
  "Italian",
  "Mexican",
  "Indian",
  "Mediterranean",
  "French",
] as const;

/** Keys spelled as in the official query files. */
export interface LocalConstraint {
  "house rule": HouseRule | null;
  cuisine: string[] | null;
  "room type": RoomTypeConstraint | null;
  transportation: TransportConstraint | null;
}

export type TravelLevel = "easy" | "medium" | "hard";

/** One query, with the official field names. */
export interface TravelQuery {
  org: string;
  /** A city for single-city trips; a state (or "State A, State B") for multi-city tours. */
  dest: string;
  days: number;
  visiting_city_number: number;
  date: string[];
  people_number: number;
  local_constraint: LocalConstraint;
  budget: number;
  query: string;
  level: string;
}

/** One day of a plan in the official submission format. "-" means nothing. */
export interface PlanDay {
  days: number;
  current_city: string;
  transportation: string;
  breakfast: string;
  attraction: string;
  lunch: string;
  dinner: string;
  accommodation: string;
}

export type TransportMode = "flight" | "self-driving" | "taxi";

/** One inter-city move of a solved itinerary. */
export interface Leg {
  from: string;
  to: string;
  date: string;
  /** 0-based day index in the plan. */
  day: number;
  mode: TransportMode;
  flight: Flight | null;
  /** Group cost under the official formulas. */
  cost: number;
  /** The plan's transportation cell. */
  text: string;
}

/** What an itinerary does in one visited city. */
export interface Stay {
  city: string;
  /** 0-based day of arrival; the traveller sleeps here from this day on. */
  arrival: number;
  nights: number;
  accommodation: Accommodation;
  restaurants: Restaurant[];
  attractions: Attraction[];
}

/** A solved query: the plan plus the choices behind it (used to write reference solutions). */
export interface Itinerary {
  route: string[];
  legs: Leg[];
  stays: Stay[];
  plan: PlanDay[];
  cost: number;
}

/** A task of the environment: a query plus, when known, a verified itinerary. */
export interface TravelTask {
  id: string;
  query: TravelQuery;
  itinerary?: Itinerary;
}
