export {
  assumedRoleArn,
  identityPoolArn,
  oidcProviderArn,
  type ParsedRoleArn,
  parseRoleArn,
  policyArn,
  roleArn,
} from "./arn.js";
export { assertNever } from "./assert-never.js";
export { base64urlDecode, base64urlDecodeCanonical, base64urlEncode } from "./base64url.js";
export { type Clock, isoTime, ManualClock, nowEpochSeconds, systemClock } from "./clock.js";
export { type EventSink, fanOut, NO_EVENTS, type RecentRefusal, type ServiceEvent, tokenDigest } from "./events.js";
export { base32Chars, cryptoIds, type IdSource, regionalId, secretAccessKey, seededIds } from "./ids.js";
export { type Pkcs1Outcome, verifyJwsPkcs1 } from "./jws-pkcs1.js";
export { closeServer, httpUrlOf, listenOn } from "./listen.js";
export type { Logger } from "./logger.js";
export { OldestFirst } from "./oldest-first.js";
export type { Principal, PrincipalSession } from "./principal.js";
export { sha256Base64, sha256Hex } from "./sha256.js";
export { SmithySha256 } from "./smithy-sha256.js";
export { allowsHttpProvider, hasControlCharacter } from "./text.js";
