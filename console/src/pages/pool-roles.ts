/** A pool's roles and role mappings (SetIdentityPoolRoles), with a rules editor. */
import { GetIdentityPoolRolesCommand, SetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import type { Api } from "../api.js";
import { button, field, form, h, section, select, statusLine, textInput, uid } from "../dom.js";
import { formToMappings, MATCH_TYPES, type MappingForm, type MatchType, mappingsToForm } from "../role-mappings.js";

export async function rolesSection(api: Api, poolId: string, loginsKeys: readonly string[]): Promise<HTMLElement> {
  const current = await api.cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }));
  const { Roles = [] } = await api.iam.send(new ListRolesCommand({ MaxItems: 1000 }));
  const arns = new Set(Roles.map((r) => r.Arn ?? "").filter(Boolean));
  for (const arn of Object.values(current.Roles ?? {})) arns.add(arn);
  const roleOptions: [string, string][] = [["", "(none)"], ...[...arns].sort().map((a): [string, string] => [a, a])];

  const authenticated = field("Authenticated role", select(roleOptions, current.Roles?.authenticated ?? ""));
  const unauthenticated = field(
    "Guest (unauthenticated) role",
    select(roleOptions, current.Roles?.unauthenticated ?? ""),
  );
  const keysList = h("datalist", { id: uid("logins-keys") }, ...loginsKeys.map((k) => h("option", { value: k })));

  const mappings: MappingForm[] = mappingsToForm(current.RoleMappings);
  const editor = h("div", { class: "mappings" });
  const mappingErrors: HTMLElement[] = [];

  function draw(): void {
    mappingErrors.length = 0;
    editor.replaceChildren(
      ...mappings.map((m, index) => {
        const key = field(
          "Logins key",
          textInput(m.loginsKey, { list: keysList.id }),
          "The provider name, e.g. login.example.com",
        );
        key.input.addEventListener("input", () => (m.loginsKey = key.input.value));
        const type = field(
          "Type",
          select(
            [
              ["Token", "Token (cognito:roles claim)"],
              ["Rules", "Rules"],
            ],
            m.type,
          ),
        );
        type.input.addEventListener("change", () => {
          m.type = type.input.value === "Rules" ? "Rules" : "Token";
          if (m.type === "Rules" && m.rules.length === 0)
            m.rules.push({ claim: "", matchType: "Equals", value: "", roleArn: "" });
          draw();
        });
        const ambiguous = field(
          "When no rule or several roles match",
          select(
            [
              ["AuthenticatedRole", "Use the authenticated role"],
              ["Deny", "Deny"],
            ],
            m.ambiguous,
          ),
        );
        ambiguous.input.addEventListener(
          "change",
          () => (m.ambiguous = ambiguous.input.value === "Deny" ? "Deny" : "AuthenticatedRole"),
        );
        const error = h("p", { class: "field-error", role: "alert", hidden: true });
        mappingErrors[index] = error;
        const rules =
          m.type === "Rules"
            ? h(
                "fieldset",
                { class: "rules" },
                h("legend", {}, "Rules, in order"),
                ...m.rules.map((r, ri) => {
                  const claim = field(`Rule ${ri + 1} claim`, textInput(r.claim));
                  claim.input.addEventListener("input", () => (r.claim = claim.input.value));
                  const match = field(`Rule ${ri + 1} match type`, select(MATCH_TYPES, r.matchType));
                  match.input.addEventListener("change", () => (r.matchType = match.input.value as MatchType));
                  const value = field(`Rule ${ri + 1} value`, textInput(r.value));
                  value.input.addEventListener("input", () => (r.value = value.input.value));
                  const role = field(`Rule ${ri + 1} role`, select(roleOptions, r.roleArn));
                  role.input.addEventListener("change", () => (r.roleArn = role.input.value));
                  return h(
                    "div",
                    { class: "rule" },
                    claim.row,
                    match.row,
                    value.row,
                    role.row,
                    button(
                      `Remove rule ${ri + 1}`,
                      () => {
                        m.rules.splice(ri, 1);
                        draw();
                      },
                      { class: "secondary" },
                    ),
                  );
                }),
                button(
                  "Add rule",
                  () => {
                    m.rules.push({ claim: "", matchType: "Equals", value: "", roleArn: "" });
                    draw();
                  },
                  { class: "secondary" },
                ),
              )
            : null;
        return h(
          "fieldset",
          { class: "mapping" },
          h("legend", {}, `Mapping ${index + 1}`),
          key.row,
          type.row,
          ambiguous.row,
          rules,
          error,
          button(
            `Remove mapping ${index + 1}`,
            () => {
              mappings.splice(index, 1);
              draw();
            },
            { class: "secondary" },
          ),
        );
      }),
    );
  }
  draw();

  const status = statusLine();
  const body = form(
    async () => {
      for (const e of mappingErrors) e.hidden = true;
      const checked = formToMappings(mappings);
      if (!checked.ok) {
        const e = mappingErrors[checked.index];
        if (e) {
          e.textContent = checked.message;
          e.hidden = false;
        }
        return;
      }
      const roles: Record<string, string> = {};
      if (authenticated.input.value) roles.authenticated = authenticated.input.value;
      if (unauthenticated.input.value) roles.unauthenticated = unauthenticated.input.value;
      try {
        await api.cognito.send(
          new SetIdentityPoolRolesCommand({
            IdentityPoolId: poolId,
            Roles: roles,
            RoleMappings: checked.value as never,
          }),
        );
        status.ok("Roles and mappings saved.");
      } catch (error) {
        status.fail(error);
      }
    },
    authenticated.row,
    unauthenticated.row,
    keysList,
    h("h3", {}, "Role mappings"),
    editor,
    button(
      "Add mapping",
      () => {
        mappings.push({ loginsKey: loginsKeys[0] ?? "", type: "Token", ambiguous: "AuthenticatedRole", rules: [] });
        draw();
      },
      { class: "secondary" },
    ),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Save roles")),
    status.el,
  );
  return section("Roles and role mappings", body);
}
