import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema';
import type { Actor } from '../../server/http/context';
import { type Action, authorize, can, listScope } from '../../server/http/policy';
import { AppError } from '../../server/shared/errors';

const BUGEAT = 1;
const MEYMAC = 2;
const EHPAD_BUGEAT = 10;
const EHPAD_MEYMAC = 11;

const actor = (role: Role, scope: { pharmacyId?: number; careHomeId?: number } = {}): Actor => ({
  kind: 'user',
  userId: 1,
  email: `${role}@test`,
  role,
  pharmacyId: scope.pharmacyId ?? null,
  careHomeId: scope.careHomeId ?? null,
});

const admin = actor('admin');
const treasurer = actor('treasurer');
const pharmacistBugeat = actor('pharmacist', { pharmacyId: BUGEAT });
const technicianMeymac = actor('technician', { pharmacyId: MEYMAC });
const ehpadBugeat = actor('carehome', { careHomeId: EHPAD_BUGEAT });

const careHomeOfBugeat = { pharmacyId: BUGEAT, careHomeId: EHPAD_BUGEAT };
const careHomeOfMeymac = { pharmacyId: MEYMAC, careHomeId: EHPAD_MEYMAC };

describe('policy: role × action × scope', () => {
  it.each<[string, Actor, Action, object | undefined, boolean]>([
    ['admin reads the audit log', admin, 'audit.read', undefined, true],
    ['treasurer cannot read the audit log', treasurer, 'audit.read', undefined, false],
    ['pharmacist cannot read the audit log', pharmacistBugeat, 'audit.read', undefined, false],
    ['admin manages users', admin, 'users.manage', undefined, true],
    ['pharmacist cannot manage users', pharmacistBugeat, 'users.manage', undefined, false],
    ['care home cannot manage users', ehpadBugeat, 'users.manage', undefined, false],
    ['pharmacist reads a care home its pharmacy serves', pharmacistBugeat, 'care_homes.read', careHomeOfBugeat, true],
    [
      'pharmacist cannot read a care home of another pharmacy',
      pharmacistBugeat,
      'care_homes.read',
      careHomeOfMeymac,
      false,
    ],
    [
      'technician of Meymac cannot read a Bugeat care home',
      technicianMeymac,
      'care_homes.read',
      careHomeOfBugeat,
      false,
    ],
    ['technician of Meymac reads a Meymac care home', technicianMeymac, 'care_homes.read', careHomeOfMeymac, true],
    ['care home reads itself', ehpadBugeat, 'care_homes.read', careHomeOfBugeat, true],
    ['care home cannot read another care home', ehpadBugeat, 'care_homes.read', careHomeOfMeymac, false],
    ['care home cannot read a pharmacy-only resource', ehpadBugeat, 'care_homes.read', { pharmacyId: BUGEAT }, false],
    ['treasurer has no access to care homes', treasurer, 'care_homes.read', careHomeOfBugeat, false],
    ['admin reads any care home', admin, 'care_homes.read', careHomeOfMeymac, true],
    ['only the admin manages care homes', pharmacistBugeat, 'care_homes.manage', careHomeOfBugeat, false],
    ['every role reads its alerts', treasurer, 'alerts.read', undefined, true],
    ['treasurer does not read the robot', treasurer, 'robots.read', undefined, false],
    ['treasurer does not read robot batches', treasurer, 'robot_batches.read', undefined, false],
    ['treasurer reads the robot activity (shares key)', treasurer, 'robot_activity.read', undefined, true],
    ['pharmacist reads the robot', pharmacistBugeat, 'robots.read', undefined, true],
    ['an anonymous visitor may do nothing', { kind: 'anonymous' }, 'alerts.read', undefined, false],
    ['a job (system actor) may do anything', { kind: 'system', name: 'backup' }, 'users.manage', undefined, true],
  ])('%s', (_name, who, action, resource, expected) => {
    expect(can(who, action, resource)).toBe(expected);
  });

  it('When a scoped single resource is refused, Then authorize answers 404 so its id cannot be probed', () => {
    const err = (() => {
      try {
        authorize(technicianMeymac, 'care_homes.read', careHomeOfBugeat);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err?.status).toBe(404);
  });

  it('When a role may not use a whole feature, Then authorize answers 403', () => {
    expect(() => authorize(treasurer, 'audit.read')).toThrow(
      expect.objectContaining({ status: 403, code: 'auth.forbidden' }),
    );
  });

  it('When listing, Then scoped roles are filtered to their pharmacy or care home', () => {
    expect(listScope(admin)).toEqual({ all: true });
    expect(listScope(technicianMeymac)).toEqual({ all: false, pharmacyId: MEYMAC });
    expect(listScope(ehpadBugeat)).toEqual({ all: false, careHomeId: EHPAD_BUGEAT });
  });
});
