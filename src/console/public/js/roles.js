/** Where each role starts: the work it signs in to do. */
const HOME = { analyst: 'review', caseworker: 'submit', partner: 'exports', admin: 'dashboard' };

export function homeOf(role) {
  return `#/${HOME[role] ?? 'signin'}`;
}
