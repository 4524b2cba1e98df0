/**
 * Reading the cells of a plan in the official format ("Name, City", "from A to B",
 * "Flight Number: F123, ..."), with the same conventions as TravelPlanner's evaluator.
 */
import type { TransportMode } from "./types.js";

/** "Austin(Texas)" -> "Austin": the official files sometimes append the state. */
export function stripParenthesis(s: string): string {
  const m = /^(.*?)\([^)]*\)/.exec(s);
  return (m ? m[1] : s).trim();
}

/** The A and B of "from A to B", B ending at a comma or the end of the text. */
export function extractFromTo(text: string): [string, string] | null {
  const m = /from\s+(.+?)\s+to\s+([^,]+?)\s*(?:,|$)/.exec(text);
  return m ? [m[1].trim(), m[2].trim()] : null;
}

/** A travel day's current_city reads "from A to B". */
export function isTravelDay(currentCity: string): boolean {
  return extractFromTo(currentCity) !== null;
}

/** The cities a day takes place in: [A, B] on a travel day, else [city]. */
export function dayCities(currentCity: string): string[] {
  const pair = extractFromTo(currentCity);
  return pair ? pair.map(stripParenthesis) : [stripParenthesis(currentCity)];
}

/** "Name, City" -> { name, city }; the city is what follows the last comma. */
export function parseNameCity(cell: string): { name: string; city: string } | null {
  const m = /^(.*),\s*([^,]+)$/.exec(cell.trim());
  if (!m || !m[1].trim() || !m[2].trim()) return null;
  return { name: m[1].trim(), city: stripParenthesis(m[2].trim()) };
}

/** The attraction cell "A, City;B, City;" as its items (empty pieces dropped). */
export function splitAttractions(cell: string): string[] {
  return cell
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Which mode a transportation cell names, in the evaluator's order of precedence. */
export function transportKind(cell: string): TransportMode | null {
  const s = cell.toLowerCase();
  if (s.includes("taxi")) return "taxi";
  if (s.includes("self-driving")) return "self-driving";
  if (s.includes("flight")) return "flight";
  return null;
}

export function flightNumberOf(cell: string): string | null {
  const m = /flight number:\s*([^,\s]+)/i.exec(cell);
  return m ? m[1] : null;
}

/** A cell counts as filled when it is a non-empty string other than "-". */
export function filled(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && value.trim() !== "-";
}

/** Comparison key for names: case and runs of spaces do not matter. */
export function nameKey(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ");
}
