/**
 * A `messages` field for the zod input and output schemas. At run time it is an array of
 * anything (message objects or their JSON form; the `messages` channel's reducer coerces
 * them), which every JSON-schema converter renders, so Studio can show the forms; in
 * TypeScript it is `BaseMessage[]`, so the graph types line up with a `MessagesAnnotation`
 * parent. (A zod `custom` type would give the right TypeScript type but no JSON schema.)
 */
import type { BaseMessage } from "@langchain/core/messages";
import { z } from "zod";

export function chatMessages() {
  return z.array(z.unknown()) as unknown as z.ZodType<BaseMessage[]>;
}
