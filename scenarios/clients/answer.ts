/** What every project client returns: status, lower-case headers, the body as text and, when it parses, as JSON. */
export interface ClientAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

export async function readAnswer(res: Response): Promise<ClientAnswer> {
  const text = await res.text();
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers, text, json };
}
