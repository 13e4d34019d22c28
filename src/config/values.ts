/**
 * The checks of single setting values, each naming the flag or variable it read (`where`) and
 * what it expected, as start-up prints them.
 */
import { availableParallelism } from "node:os";

/** A configuration mistake: thrown at start-up, printed, never sent on the wire. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function parseBoolean(text: string, where: string): boolean {
  const t = text.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(t)) return true;
  if (["0", "false", "no", "off", ""].includes(t)) return false;
  throw new ConfigError(`${where}: expected true or false, got '${text}'`);
}

export function parsePort(text: string, where: string): number {
  if (!/^\d{1,5}$/.test(text.trim()) || Number(text) > 65535) {
    throw new ConfigError(`${where}: expected a port number from 0 to 65535, got '${text}'`);
  }
  return Number(text);
}

/** More processes than this only adds memory and SQLite lock contention on any machine we target. */
const MAX_WORKERS = 256;

export function parseWorkers(text: string, where: string): number {
  const t = text.trim().toLowerCase();
  if (t === "auto") return availableParallelism();
  if (!/^\d{1,3}$/.test(t) || Number(t) < 1 || Number(t) > MAX_WORKERS) {
    throw new ConfigError(`${where}: expected auto or a whole number from 1 to ${MAX_WORKERS}, got '${text}'`);
  }
  return Number(t);
}

export function checkRegion(text: string, where: string): string {
  // Regions become part of ids matching `[\w-]+:[0-9a-f-]+` (reference §2.1).
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(text)) {
    throw new ConfigError(`${where}: expected a region such as us-east-1, got '${text}'`);
  }
  return text;
}

export function checkAccount(text: string, where: string): string {
  if (!/^\d{12}$/.test(text)) throw new ConfigError(`${where}: expected a 12-digit account id, got '${text}'`);
  return text;
}

export function checkUrl(text: string, where: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${where}: not a URL: '${text}'`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${where}: expected a ${protocols.join(" or ")} URL, got '${text}'`);
  }
  return text.replace(/\/+$/, "");
}

/** OPERATION=RATE pairs (the flag repeated, or the variable comma-separated). */
export function parseQuotas(text: string, where: string): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const item of text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z][A-Za-z0-9]*)=(\d+(?:\.\d+)?)$/.exec(item);
    const rate = match ? Number(match[2]) : Number.NaN;
    if (!match?.[1] || !(rate > 0)) {
      throw new ConfigError(`${where}: expected OPERATION=RATE with a rate above 0 requests per second, got '${item}'`);
    }
    quotas[match[1]] = rate;
  }
  return quotas;
}
