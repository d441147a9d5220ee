/**
 * Who an actor is, in one line, from the role and the country or organisation the articles give:
 * "President" of "Kazakhstan" reads "President of Kazakhstan"; a role that already names its
 * country or says "of" something keeps its own words.
 */
export function leadLine(role: string | null, affiliation: string | null): string | null {
  if (!role) return affiliation;
  if (!affiliation || role.toLowerCase().includes(affiliation.toLowerCase())) return role;
  return /\b(?:of|for|at)\b/i.test(role) ? `${role}, ${affiliation}` : `${role} of ${affiliation}`;
}
