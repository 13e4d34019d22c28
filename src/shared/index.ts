export { type Clock, systemClock, nowEpochSeconds, ManualClock } from "./clock.js";
export { type IdSource, cryptoIds, regionalId, base32Chars, secretAccessKey } from "./ids.js";
export { base64urlEncode, base64urlDecode } from "./base64url.js";
export { assertNever } from "./assert-never.js";
export {
  oidcProviderArn,
  roleArn,
  identityPoolArn,
  assumedRoleArn,
  parseRoleArn,
  type ParsedRoleArn,
} from "./arn.js";
