import { map, str } from "../../protocol/index.js";
import { identityProviderName } from "../shapes.js";

/** IdentityId (reference §2.1): `REGION:GUID`. */
export const identityId = str({ min: 1, max: 55, pattern: "[\\w-]+:[0-9a-f-]+" });
/** Logins map values are tokens of at most 50,000 characters (reference §2.1). */
export const loginsMap = map(identityProviderName, str({ min: 1, max: 50000 }));
/** Issue #4 decides: more than ten logins in one call is LimitExceededException, not a validation error. */
export const MAX_LOGINS_PER_CALL = 10;
