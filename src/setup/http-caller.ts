import { SignatureV4 } from "@smithy/signature-v4";
import { SmithySha256 } from "../shared/index.js";
import { type ApiCaller, ApiError, type SetupService } from "./api-caller.js";
import { queryForm, readQueryAnswer } from "./query-wire.js";

export interface HttpCallerOptions {
  /** `http://127.0.0.1:4600`. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** Per call; 30 s unless given. */
  readonly timeoutMs?: number;
}

/** X-Amz-Target prefixes of the AWS JSON 1.1 services (reference §1.1; idpool's own namespace). */
const TARGETS: Readonly<Record<Exclude<SetupService, "iam">, string>> = {
  "cognito-identity": "AWSCognitoIdentityService",
  idpool: "IdpoolService",
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * An ApiCaller over HTTP to a running idpool, as an AWS SDK calls it: SigV4 with the given (root)
 * credentials, the signing name of each service; AWS JSON 1.1 for Cognito Identity and idpool,
 * AWS Query for IAM.
 */
export function httpCaller(options: HttpCallerOptions): ApiCaller {
  const endpoint = new URL(options.endpoint);
  const signers = new Map<SetupService, SignatureV4>();
  const signerFor = (service: SetupService): SignatureV4 => {
    let signer = signers.get(service);
    if (!signer) {
      signer = new SignatureV4({
        service,
        region: options.region,
        credentials: options.credentials,
        sha256: SmithySha256,
        applyChecksum: false,
      });
      signers.set(service, signer);
    }
    return signer;
  };
  return async (service, operation, input) => {
    const body = service === "iam" ? queryForm(operation, input) : JSON.stringify(input);
    const headers: Record<string, string> =
      service === "iam"
        ? { "content-type": "application/x-www-form-urlencoded" }
        : { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${TARGETS[service]}.${operation}` };
    const port = endpoint.port === "" ? undefined : Number(endpoint.port);
    const signed = await signerFor(service).sign({
      method: "POST",
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(port === undefined ? {} : { port }),
      path: "/",
      query: {},
      headers: { host: endpoint.host, ...headers },
      body,
    });
    const response = await fetch(new URL("/", endpoint), {
      method: "POST",
      headers: signed.headers,
      body,
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    if (service === "iam") {
      const answer = readQueryAnswer(operation, text);
      if (!answer.ok) throw new ApiError(answer.code, answer.message);
      return answer.result;
    }
    let parsed: unknown;
    try {
      parsed = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new ApiError(`HTTP ${response.status}`, `not a JSON answer: ${text.slice(0, 200)}`);
    }
    const json = isRecord(parsed) ? parsed : {};
    if (response.ok) return json;
    // `__type` may carry a namespace (`com.amazonaws…#Name`); the name is after the `#`.
    const code =
      String(json.__type ?? `HTTP ${response.status}`)
        .split("#")
        .pop() ?? "";
    throw new ApiError(code, String(json.message ?? json.Message ?? ""));
  };
}
