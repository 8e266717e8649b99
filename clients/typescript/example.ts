// Log in, log an activity, read a board, handle a typed error (type-checked by clients/generate.py).
import { createRepRallyClient } from "./src/index.js";

const base = "http://localhost:8000";
const { data: tokens } = await createRepRallyClient(base).POST("/api/v1/auth/login",
  { body: { email: "ava@example.com", password: "Rally-otter-sunrise-42" } });
const api = createRepRallyClient(base, tokens!.access_token);
await api.POST("/api/v1/activities", { body: { type: "call", external_id: "crm-call-1" } });
const { data: board } = await api.GET("/api/v1/leaderboards/{metric}",
  { params: { path: { metric: "points" }, query: { window: "week" } } });
console.log(board?.entries.map((e) => `${e.rank}. ${e.display_name}: ${e.score}`));
const { error, response } = await api.POST("/api/v1/activities", { body: { type: "teleport" } });
if (error) console.log(response.status, error.error.code, error.error.message); // 400 unknown_activity_type
