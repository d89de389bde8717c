/**
 * Scrubs credential-shaped substrings from text headed for a log. Errors from dependencies can
 * echo what they were given (a URL with a token, a key id); the log must not keep it.
 */
const RULES: [RegExp, string][] = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, "[redacted]"], // AWS access key ids
  [/\bxox[abposr]-[\w-]+/g, "[redacted]"], // Slack bot/user tokens
  [/\bxapp-[\w-]+/g, "[redacted]"], // Slack app-level tokens
  [/\b([a-z][\w+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, "$1[redacted]@"], // passwords in URLs (postgres://u:p@h)
  // Case-sensitive, as clients send it: prose such as "wrong bearer token" stays readable.
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/g, "$1 [redacted]"],
  // `token=x`, `token:x`, `"token": "x"`; not prose such as "wrong token: send it".
  [
    /\b((?:aws_)?secret(?:_access)?_?key|session_?token|token|password)(["']?\s*(?:=\s*["']?|:\s*["']|:(?=[^\s"'])))[^\s"',;&]+/gi,
    "$1$2[redacted]",
  ],
];

export function redactSecrets(text: string, known: (string | undefined)[] = []): string {
  let out = text;
  for (const secret of known) if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  return out;
}
