/** Minimal XML writing for the awsQuery and S3 wire formats. */

export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | XmlValue[]
  | { [k: string]: XmlValue };

/** Objects become child elements, arrays become `<member>` lists (awsQuery list encoding). */
export function toXml(value: XmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join("");
  if (typeof value === "object") {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join("");
  }
  return xmlEscape(String(value));
}
