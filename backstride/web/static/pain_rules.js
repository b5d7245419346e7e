// What a pain answer during a session does (DOMAIN.md 2.1.4), for when the server is out of
// reach. The thresholds come from the server with each session (domain/session_safety.py);
// the defaults below are the same numbers, and tests/test_web_player_core.py checks that
// this function and the Python one agree on every score.

export const DEFAULT_RULES = { ends_exercise_above: 5, ends_session_from: 7 };

export function painResponse(score, rules = DEFAULT_RULES) {
  if (score >= rules.ends_session_from) return "end_session";
  if (score > rules.ends_exercise_above) return "end_exercise";
  return "carry_on";
}
