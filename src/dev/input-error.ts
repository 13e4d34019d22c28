/**
 * Bad input to the mint endpoint, the login form or `rotate-idp-key`: names the member at fault so a
 * test suite in any language sees what to fix. The message never holds a token or a key.
 */
export class DevInputError extends Error {
  constructor(
    /** The member at fault, with a path for nested ones (`claims.iss`). */
    readonly member: string,
    /** What is wrong, without the member name. */
    readonly detail: string,
  ) {
    super(`${member}: ${detail}`);
    this.name = "DevInputError";
  }
}
