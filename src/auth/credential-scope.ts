import { serviceError } from "../errors/index.js";
import type { Credential } from "./authorization-header.js";

/**
 * Checks the credential scope `<yyyymmdd>/<region>/<service>/aws4_request` (AWS SigV4 docs,
 * "Create a string to sign", CredentialScope). Any region is accepted, as the SDK signs with the
 * client's configured region whatever the endpoint (reference/toolchain.md §2.2); the service and
 * the date are checked with AWS's messages.
 */
export function checkCredentialScope(credential: Credential, expectedService: string, amzDate: string): void {
  if (credential.terminator !== "aws4_request") {
    throw serviceError(
      "InvalidSignature",
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${credential.terminator}'. `,
    );
  }
  if (credential.region === "") {
    throw serviceError("InvalidSignature", "Credential should be scoped to a valid region. ");
  }
  if (credential.service !== expectedService) {
    throw serviceError("InvalidSignature", `Credential should be scoped to correct service: '${expectedService}'. `);
  }
  const requestDate = amzDate.slice(0, 8);
  if (credential.date !== requestDate) {
    throw serviceError(
      "InvalidSignature",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credential.date}' != '${requestDate}', from '${amzDate}'.`,
    );
  }
}
