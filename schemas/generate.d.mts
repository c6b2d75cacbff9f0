// Types of generate.mjs for the unit test that checks the checked-in schemas are current.
export function generateSchemas(): Record<string, string>;
export function staleSchemas(): string[];
