/** What the local constraints of a query mean for an accommodation (shared by scorer and solver). */
import type { Accommodation, HouseRule, RoomType, RoomTypeConstraint } from "./types.js";

/** The listing text that forbids what a house-rule constraint asks for. */
export const RULE_TEXT: Record<HouseRule, string> = {
  parties: "No parties",
  smoking: "No smoking",
  "children under 10": "No children under 10",
  pets: "No pets",
  visitors: "No visitors",
};

export const ROOM_OK: Record<RoomTypeConstraint, (t: RoomType) => boolean> = {
  "entire room": (t) => t === "Entire home/apt",
  "private room": (t) => t === "Private room",
  "shared room": (t) => t === "Shared room",
  "not shared room": (t) => t !== "Shared room",
};

export function allowsRule(a: Accommodation, rule: HouseRule | null): boolean {
  return !rule || !a.houseRules.includes(RULE_TEXT[rule]);
}

export function fitsRoomType(a: Accommodation, type: RoomTypeConstraint | null): boolean {
  return !type || ROOM_OK[type](a.roomType);
}
