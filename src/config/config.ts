/** The validated, frozen configuration every module receives. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly region: string;
  readonly accountId: string;
  /** Without a trailing slash. Undefined until the port is known when `--port 0` and no public URL. */
  readonly publicUrl: string | undefined;
  readonly extraCaFile: string | undefined;
  /** Contents of extraCaFile, read once at start. */
  readonly extraCaPem: string | undefined;
  readonly trustPublicCa: boolean;
  readonly allowHttpProviders: boolean;
  readonly rootCredentials: RootCredentialsSetting | undefined;
}

export interface RootCredentialsSetting {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}
