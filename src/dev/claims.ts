import { DevInputError } from "./input-error.js";

/**
 * Claims the provider sets itself. Extra claims may not replace them: a test that wants a wrong
 * issuer, audience or time asks for it with a `break` rule, so a typo never passes for a defect.
 */
export const PROVIDER_CLAIMS: readonly string[] = ["iss", "sub", "aud", "exp", "iat", "nbf"];

/** OpenID Connect Core §2: `sub` is at most 255 ASCII characters; control characters key nothing well. */
export const MAX_SUB_LENGTH = 255;

export function subProblem(sub: unknown): string | undefined {
  if (typeof sub !== "string" || sub === "") return "must be a non-empty string";
  if (sub.length > MAX_SUB_LENGTH) return `must be at most ${MAX_SUB_LENGTH} characters (OpenID Connect Core §2)`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(sub)) return "must not contain control characters";
  return undefined;
}

/** Extra claims as given (JSON), checked: a JSON object that sets none of the provider's claims. */
export function checkExtraClaims(value: unknown, member: string): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DevInputError(member, 'must be a JSON object of claims, like {"email": "a@example.com"}');
  }
  for (const name of PROVIDER_CLAIMS) {
    if (Object.hasOwn(value, name)) {
      const why =
        name === "sub"
          ? "sub is set by its own member (the user)"
          : `iss, aud, exp, iat and nbf come from the provider; ask for a wrong one with a break rule (issuer, audience, expired, not-yet-valid)`;
      throw new DevInputError(`${member}.${name}`, `may not be set: ${why}`);
    }
  }
  return value as Record<string, unknown>;
}
