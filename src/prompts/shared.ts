/** Prompt text every architecture shares. */

/** The one re-ask after a structured output failed validation. */
export const REASK_PROMPT = `Your previous {what} was rejected: {errors}
Previous answer: {previous}
Answer again, fixing these problems.`;
