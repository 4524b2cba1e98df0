/**
 * Word pools for the generated encyclopaedia. Every name is invented (or an invented
 * combination of ordinary words) so that no answer can come from a model's memory.
 */

export const FIRST_NAMES = [
  "Marlow", "Ilse", "Teodor", "Annika", "Bastian", "Corin", "Delphine", "Edda", "Felix", "Greta",
  "Hollis", "Ines", "Jonah", "Kasimir", "Linnea", "Matthias", "Nadia", "Orla", "Petra", "Quentin",
  "Rosalind", "Soren", "Tamsin", "Ulric", "Vera", "Wendel", "Xenia", "Yusuf", "Zora", "Albin",
  "Brigitta", "Casimir", "Dagny", "Emrys", "Frida", "Gideon", "Hedda", "Ivo", "Juno", "Klaus",
  "Leona", "Milo", "Nils", "Odile", "Pavel", "Runa", "Silas", "Thea", "Ursula", "Viggo",
  "Wilma", "Anselm", "Beatrix", "Cosmo", "Dorit", "Elias", "Fenna", "Gustav", "Helka", "Ingmar",
  "Jolene", "Konrad", "Liesel", "Mattis", "Noemi", "Oskar", "Paloma", "Rufus", "Saskia", "Tobias",
] as const;

export const SURNAMES = [
  "Vance", "Thorne", "Halloway", "Brisk", "Castellan", "Dunmore", "Everly", "Fairweather", "Grell", "Hask",
  "Ivers", "Jarrow", "Kestrell", "Lindqvist", "Morrow", "Nettle", "Oakes", "Pell", "Quill", "Rook",
  "Sallow", "Tarrant", "Ulm", "Varga", "Wrenfield", "Yarrow", "Zell", "Ashdown", "Blackwood", "Corvin",
  "Drummond", "Elstree", "Falk", "Garrow", "Hesketh", "Ingram", "Juell", "Kray", "Lomax", "Marsh",
  "Noor", "Orrin", "Prewitt", "Rask", "Strand", "Tolliver", "Underhill", "Vey", "Whitlock", "Amsel",
  "Brandt", "Coyle", "Devere", "Eckhart", "Fenwick", "Gaunt", "Holm", "Iverson", "Jessop", "Kilbride",
  "Larkin", "Mabry", "Nyberg", "Ostrander", "Penrose", "Quaid", "Ridley", "Stroud", "Thackery", "Voss",
] as const;

/** Country stems with the suffix that forms the country name and the matching demonym. */
export const COUNTRY_STEMS = [
  "Vald", "Kesm", "Aster", "Borv", "Cald", "Drav", "Estr", "Gall", "Lus", "Morv",
  "Nov", "Pral", "Rav", "Saur", "Tesh", "Wend", "Zar", "Orm", "Hal", "Quel",
] as const;

export const COUNTRY_ENDINGS: readonly { country: string; demonym: string }[] = [
  { country: "oria", demonym: "orian" },
  { country: "onia", demonym: "onian" },
  { country: "avia", demonym: "avian" },
  { country: "ania", demonym: "anian" },
  { country: "eria", demonym: "erian" },
  { country: "inia", demonym: "inian" },
];

export const CITY_PREFIXES = [
  "Ash", "Bel", "Bran", "Cal", "Dor", "Els", "Fen", "Gal", "Har", "Ist",
  "Kel", "Lor", "Mar", "Nor", "Ost", "Pel", "Quar", "Ros", "Sel", "Tor",
  "Ul", "Wes", "Yar", "Zel", "Mir", "Tav", "Bre", "Cor", "Dun", "Hav",
] as const;

export const CITY_SUFFIXES = [
  "holm", "wick", "mere", "ford", "stad", "ova", "ara", "enne", "burg", "dale",
  "port", "ica", "by", "haven", "gate", "ton",
] as const;

export const RIVERS = [
  "Aln", "Bery", "Cadra", "Dess", "Eskel", "Ferro", "Glenna", "Hume", "Iver", "Jura",
  "Kell", "Lusa", "Mora", "Nith", "Orva", "Pella", "Rhos", "Sava", "Tarn", "Ume",
] as const;

export const REGIONS = [
  "the northern lowlands", "the eastern highlands", "the western coastlands", "the southern archipelago",
  "the central plateau", "the river basin of the interior", "the northern fjord country", "the eastern steppe",
] as const;

export const CURRENCIES = ["crown", "mark", "florin", "thaler", "ducat", "guilder", "shilling", "real"] as const;

/** Invented roots for company names; one root may carry a real company and a look-alike. */
export const COMPANY_ROOTS = [
  "Ostrava", "Brightwater", "Corvane", "Duskfield", "Emberly", "Foxglove", "Greyhaven", "Halcyon",
  "Ironvale", "Juniper", "Lanternfish", "Meridian", "Northwind", "Oakhurst", "Pinecrest", "Quillon",
  "Redmarsh", "Silverleaf", "Thornbury", "Umbra", "Vantor", "Westmere", "Yellowpine", "Zephyr",
  "Ashgrove", "Bluefen", "Copperline", "Driftwood", "Everpine", "Falconridge", "Goldmoor", "Hollowell",
  "Ivorine", "Jadestone", "Kingsreach", "Larkspur", "Moonrise", "Nightjar", "Palisade", "Rosehill",
  "Stonebridge", "Tidewater", "Upland", "Verdant", "Wildermoor", "Cinderford", "Amberlane", "Bellwether",
  "Cobalt", "Dovetail", "Elmstead", "Fernhollow", "Glasswing", "Harrowgate", "Inkwell", "Kittering",
] as const;

export type CompanyRole = "studio" | "publisher" | "label" | "other";

/** Name suffix -> the industry phrase used in the article's first sentence. */
export const COMPANY_SUFFIXES: Record<CompanyRole, readonly { suffix: string; industry: string }[]> = {
  studio: [
    { suffix: "Pictures", industry: "film production" },
    { suffix: "Studios", industry: "film production" },
    { suffix: "Films", industry: "film production" },
  ],
  publisher: [
    { suffix: "Press", industry: "publishing" },
    { suffix: "Books", industry: "publishing" },
    { suffix: "Publishing", industry: "publishing" },
  ],
  label: [
    { suffix: "Records", industry: "record" },
    { suffix: "Recordings", industry: "record" },
    { suffix: "Music", industry: "music publishing and record" },
  ],
  other: [
    { suffix: "Motors", industry: "automotive" },
    { suffix: "Foods", industry: "food processing" },
    { suffix: "Textiles", industry: "textile" },
    { suffix: "Shipping", industry: "shipping" },
    { suffix: "Electric", industry: "electrical engineering" },
    { suffix: "Steelworks", industry: "steel" },
    { suffix: "Pharmaceuticals", industry: "pharmaceutical" },
  ],
};

/** Suffixes for look-alike companies ("Ostrava Pictures" vs "Ostrava Pictures Group"). */
export const LOOKALIKE_SUFFIXES = ["Group", "Holdings", "International"] as const;

export const TITLE_ADJECTIVES = [
  "Silent", "Crimson", "Hollow", "Distant", "Broken", "Golden", "Winter", "Quiet", "Burning", "Pale",
  "Restless", "Hidden", "Last", "Northern", "Paper", "Glass", "Salt", "Iron", "Lonely", "Violet",
  "Sleeping", "Forgotten", "Narrow", "Endless", "Scarlet", "Drowned", "Wandering", "Bitter", "Velvet", "Amber",
] as const;

export const TITLE_NOUNS = [
  "Harbor", "Orchard", "Lantern", "Meridian", "Garden", "Lighthouse", "Frontier", "Carnival", "Canal", "Archive",
  "Tide", "Station", "Cathedral", "Mirror", "Monsoon", "Threshold", "Ferryman", "Island", "Quarry", "Observatory",
  "Balcony", "Compass", "Ballroom", "Kingdom", "Estuary", "Citadel", "Chorus", "Winter", "Vineyard", "Procession",
] as const;

export const PEOPLE_NOUNS = [
  "Cartographer", "Clockmaker", "Ferryman", "Beekeeper", "Glassblower", "Surveyor", "Archivist", "Tailor",
  "Lamplighter", "Ropemaker", "Organist", "Apothecary",
] as const;

export const RELATIVES = ["Daughter", "Son", "Widow", "Apprentice", "Brother", "Sister"] as const;

export const BAND_ADJECTIVES = [
  "Velvet", "Electric", "Paper", "Neon", "Wooden", "Static", "Lunar", "Copper", "Midnight", "Hollow",
  "Silver", "Feral", "Gentle", "Radiant", "Cardboard", "Atomic",
] as const;

export const BAND_NOUNS = [
  "Foxes", "Lanterns", "Sparrows", "Engines", "Comets", "Ghosts", "Tigers", "Satellites", "Owls", "Pilots",
  "Magpies", "Saints", "Rivals", "Harbours", "Wolves", "Kites",
] as const;

export const FILM_GENRES = ["drama", "comedy", "thriller", "science fiction", "crime", "war", "romance", "horror", "musical", "western"] as const;
export const BOOK_GENRES = ["novel", "crime novel", "historical novel", "fantasy novel", "satirical novel"] as const;
export const BAND_GENRES = ["rock", "folk", "synth-pop", "jazz", "punk", "indie pop", "post-rock", "soul"] as const;

export const AWARDS = [
  "Halden Prize", "Silver Quill Award", "Order of Merit", "Golden Reed", "Meridian Medal", "Corvane Fellowship",
  "Lantern Award", "Aster Prize",
] as const;

export const CITY_FEATURES = [
  "covered markets", "medieval bridges", "shipyards", "botanical gardens", "cathedral", "wine festivals",
  "canals", "university quarter", "old town walls", "harbour fortress",
] as const;

export const NAMESAKE_OCCUPATIONS = ["footballer", "politician", "painter", "chemist", "cyclist", "poet", "architect"] as const;

/** A fresh name from `make` not yet in `used` (case-insensitive); numbered if a pool runs dry. */
export function uniqueName(used: Set<string>, make: () => string): string {
  for (let i = 0; i < 200; i++) {
    const name = make();
    if (!used.has(name.toLowerCase())) {
      used.add(name.toLowerCase());
      return name;
    }
  }
  const base = make();
  let n = 2;
  while (used.has(`${base} ${n}`.toLowerCase())) n++;
  used.add(`${base} ${n}`.toLowerCase());
  return `${base} ${n}`;
}

/** Formats an integer with thousands separators, the way the articles print populations. */
export function withCommas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
