/** idpool's signing keys for its own OpenID tokens (IdpoolService.ListSigningKeys, RotateSigningKey). */
import type { Api } from "../api.js";
import { confirmedButton, h, pageTitle, section, statusLine, table } from "../dom.js";
import { age } from "../text-formats.js";

interface Key {
  KeyId?: string;
  CreatedAt?: string | number;
  SupersededAt?: string | number;
  Current?: boolean;
}

const dateOf = (v: string | number | undefined): Date | undefined =>
  v === undefined ? undefined : new Date(typeof v === "number" ? v * 1000 : v);

export async function keysPage(api: Api): Promise<HTMLElement> {
  const list = h("div", {});
  const status = statusLine();
  async function load(): Promise<void> {
    const out = await api.idpool("ListSigningKeys");
    const keys = (Array.isArray(out.Keys) ? out.Keys : []) as Key[];
    const now = new Date();
    list.replaceChildren(
      table(
        ["Key id", "Created", "Age", "Superseded", "Current"],
        keys.map((k) => {
          const created = dateOf(k.CreatedAt);
          const superseded = dateOf(k.SupersededAt);
          return [
            h("code", {}, k.KeyId ?? ""),
            created?.toISOString() ?? "",
            created ? age(created, now) : "",
            superseded ? `${superseded.toISOString()} (${age(superseded, now)} ago)` : "",
            k.Current ? "current" : "",
          ];
        }),
        "Signing keys",
      ),
    );
  }
  await load();
  const question =
    "Rotate the signing key? New OpenID tokens are signed with a new key; the old one stays published for tokens already issued.";
  const rotate = confirmedButton(
    "Rotate signing key",
    { question, confirm: "Rotate" },
    async () => {
      const out = await api.idpool("RotateSigningKey");
      await load();
      status.ok(`Rotated: the current key is ${String(out.KeyId ?? "")}.`);
    },
    status,
    {},
  );
  return h("div", {}, pageTitle("Signing keys"), section("Keys", list, rotate, status.el));
}
