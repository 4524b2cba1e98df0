/** Replaces `{name}` placeholders; unknown placeholders are an error, not silent text. */
export function fillPrompt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    if (!(key in vars)) throw new Error(`prompt placeholder {${key}} has no value`);
    return String(vars[key]);
  });
}
