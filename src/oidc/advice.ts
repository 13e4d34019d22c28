/** What to change, in plain words, for each reason (shown by `idpool doctor`). */
import type { RejectionReason } from "./rejection.js";

export const ADVICE: Readonly<Record<RejectionReason, string>> = {
  token_too_large: "A logins value may be at most 50,000 characters: send the provider's ID token itself.",
  malformed:
    "Send the provider's ID token (three base64url parts with JSON inside). Access tokens and opaque tokens are not ID tokens.",
  alg_not_allowed:
    "Have the provider sign ID tokens with RS256, RS384 or RS512, or (PS*/ES* only) add the algorithm to idpool's allow-list. none and HS* are never accepted.",
  crit_unsupported:
    "idpool implements no JWS extensions: configure the provider not to put a crit header in ID tokens.",
  issuer_mismatch:
    "The logins key must be the token's iss without https://, and the provider must be registered with exactly that URL (case, path and trailing slash included).",
  no_matching_key:
    "The token's kid is not in the provider's JWKS: it may come from another provider or environment, or it lacks a kid while the JWKS has several keys. After a rotation idpool refetches keys at most every 30 s.",
  bad_signature: "The token was altered, or signed by a key other than the one the provider publishes under its kid.",
  missing_aud: "Send an ID token: access tokens often have no aud.",
  audience_mismatch:
    "Add the token's aud (your app's client id) to the provider's client ids (iam add-client-id-to-open-id-connect-provider).",
  azp_mismatch: "Add the token's azp (the client the token was issued to) to the provider's client ids.",
  missing_exp: "ID tokens must carry exp: check the provider's token settings.",
  missing_sub: "ID tokens must carry a non-empty sub: check the provider's token settings.",
  expired: "Get a fresh token from the provider. If it is fresh, this machine's clock is off by more than 5 minutes.",
  not_yet_valid: "This machine's clock and the provider's differ by more than 5 minutes: synchronise them (NTP).",
  issued_in_future: "This machine's clock and the provider's differ by more than 5 minutes: synchronise them (NTP).",
  untrusted_tls:
    "The provider's certificate chain is not trusted: register its thumbprint (see `idpool thumbprint <url>`) or add its CA with --extra-ca-file.",
  thumbprint_mismatch:
    "Replace the provider's thumbprints with one printed by `idpool thumbprint <url>` (iam update-open-id-connect-provider-thumbprint), or start idpool with --trust-public-ca if the chain is publicly trusted.",
  hostname_mismatch:
    "The server's certificate does not name the host idpool connected to: fix the certificate or the registered URL.",
  jwks_unreachable:
    "idpool could not fetch the discovery document or the JWKS: check the URL, DNS, firewall and proxy. Redirects are not followed.",
  discovery_invalid:
    "<url>/.well-known/openid-configuration must be JSON whose issuer equals the registered URL exactly and whose jwks_uri is an https URL.",
  jwks_invalid: 'jwks_uri must answer a JSON object {"keys":[...]} of at most 512 KiB with usable public keys.',
};
