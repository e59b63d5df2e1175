/** The server's REST API, as a demo user (for seeding data the way any client would). */
async function call(
  apiUrl: string,
  token: string | null,
  method: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers["CB-Token"] = token;
  const response = await fetch(`${apiUrl}${path}`, { method, headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Creates a private dialog from `login` to the user `to` (by id) holding `count` messages, one a minute, ending a
 * minute ago (the last one is also delivered live); returns the dialog id. Enough history for several pages.
 */
export async function seedHistory(
  server: { apiUrl: string; appId: number; authKey: string },
  login: string,
  to: number,
  count: number,
): Promise<string> {
  const { session } = (await call(server.apiUrl, null, "POST", "/session", {
    application_id: server.appId,
    auth_key: server.authKey,
    user: { login, password: "password" },
  })) as { session: { token: string } };
  const dialog = await call(server.apiUrl, session.token, "POST", "/chat/Dialog", { type: 3, occupants_ids: [to] });
  const start = Math.floor(Date.now() / 1000) - (count + 1) * 60;
  for (let i = 1; i <= count; i++) {
    await call(server.apiUrl, session.token, "POST", "/chat/Message", {
      chat_dialog_id: dialog._id,
      message: `History ${i}`,
      date_sent: start + i * 60,
      send_to_chat: i === count ? 1 : 0, // the last one live, so the recipient's list learns of the dialog
    });
  }
  return String(dialog._id);
}
