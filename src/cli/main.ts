#!/usr/bin/env node
import { Command } from "commander";
import { registerAuditCommand } from "./audit.js";
import { registerDevCommand } from "./dev.js";
import { registerDoctorCommand } from "./doctor.js";
import { registerGatewayCommand } from "./gateway.js";
import { registerKeysCommand } from "./keys.js";
import { registerProvidersCommand } from "./providers.js";
import { registerRevokeCommand } from "./revoke.js";
import { registerServeCommand } from "./serve.js";
import { registerSetupCommand } from "./setup.js";
import { registerThumbprintCommand } from "./thumbprint.js";

const program = new Command()
  .name("idpool")
  .description("Self-hosted identity pools speaking the Cognito Identity, IAM and STS wire protocols");
registerServeCommand(program);
registerDevCommand(program);
registerKeysCommand(program);
registerThumbprintCommand(program);
registerDoctorCommand(program);
registerSetupCommand(program);
registerProvidersCommand(program);
registerRevokeCommand(program);
registerGatewayCommand(program);
registerAuditCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`idpool: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
