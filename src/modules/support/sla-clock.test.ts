import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addSlaMinutes, type SlaCalendar, slaMinutesBetween, wallToUtc } from './sla-clock.js'

// Hand-computed expectations. Budapest is UTC+1 (CET) in winter and UTC+2 (CEST) in summer; in 2026
// clocks go forward on Sunday 29 March (02:00 → 03:00) and back on Sunday 25 October (03:00 → 02:00).
// 2 March 2026 is a Monday.
const weekdays9to17: SlaCalendar = {
  mode: 'business',
  timeZone: 'Europe/Budapest',
  hours: {
    mon: ['09:00', '17:00'],
    tue: ['09:00', '17:00'],
    wed: ['09:00', '17:00'],
    thu: ['09:00', '17:00'],
    fri: ['09:00', '17:00'],
    sat: null,
    sun: null,
  },
  holidays: [],
}
const withHoliday: SlaCalendar = { ...weekdays9to17, holidays: ['2026-03-16'] }
const allDay: SlaCalendar = {
  ...weekdays9to17,
  hours: {
    mon: ['00:00', '24:00'],
    tue: ['00:00', '24:00'],
    wed: ['00:00', '24:00'],
    thu: ['00:00', '24:00'],
    fri: ['00:00', '24:00'],
    sat: ['00:00', '24:00'],
    sun: ['00:00', '24:00'],
  },
}
const calendar: SlaCalendar = { ...weekdays9to17, mode: 'calendar' }
const moscow: SlaCalendar = { ...weekdays9to17, timeZone: 'Europe/Moscow' }

const DUE_CASES: [string, SlaCalendar, string, number, string][] = [
  ['inside one business day', weekdays9to17, '2026-03-02T09:00:00Z', 60, '2026-03-02T10:00:00.000Z'],
  ['over the evening into the next morning', weekdays9to17, '2026-03-02T15:30:00Z', 60, '2026-03-03T08:30:00.000Z'],
  ['before opening starts at opening', weekdays9to17, '2026-03-02T06:00:00Z', 30, '2026-03-02T08:30:00.000Z'],
  ['Friday afternoon over the weekend', weekdays9to17, '2026-03-06T15:00:00Z', 120, '2026-03-09T09:00:00.000Z'],
  ['opened on a Saturday', weekdays9to17, '2026-03-07T11:00:00Z', 60, '2026-03-09T09:00:00.000Z'],
  ['exactly the whole day ends at closing', weekdays9to17, '2026-03-02T08:00:00Z', 480, '2026-03-02T16:00:00.000Z'],
  ['a holiday Monday is skipped', withHoliday, '2026-03-13T15:00:00Z', 120, '2026-03-17T09:00:00.000Z'],
  ['the holiday is only that day', withHoliday, '2026-03-16T08:00:00Z', 60, '2026-03-17T09:00:00.000Z'],
  ['8 hours over two days', weekdays9to17, '2026-03-26T12:00:00Z', 480, '2026-03-27T12:00:00.000Z'],
  // Friday 16:00 CET (15:00Z) + 1 h on Friday, then Monday 09:00 CEST (07:00Z) + 1 h.
  [
    'over the spring change, hours in summer time',
    weekdays9to17,
    '2026-03-27T15:00:00Z',
    120,
    '2026-03-30T08:00:00.000Z',
  ],
  // Friday 16:00 CEST (14:00Z) + 1 h, then Monday 09:00 CET (08:00Z) + 1 h.
  [
    'over the autumn change, hours in winter time',
    weekdays9to17,
    '2026-10-23T14:00:00Z',
    120,
    '2026-10-26T09:00:00.000Z',
  ],
  // The 29 March has only 23 hours: a day of 24-hour opening ends an hour sooner in UTC.
  ['a full short spring day', allDay, '2026-03-28T23:00:00Z', 23 * 60, '2026-03-29T22:00:00.000Z'],
  ['a full long autumn day', allDay, '2026-10-24T22:00:00Z', 25 * 60, '2026-10-25T23:00:00.000Z'],
  ['calendar time ignores opening hours', calendar, '2026-03-07T11:00:00Z', 60, '2026-03-07T12:00:00.000Z'],
  [
    'calendar time counts real hours over the change',
    calendar,
    '2026-03-28T11:00:00Z',
    24 * 60,
    '2026-03-29T11:00:00.000Z',
  ],
  // Moscow keeps UTC+3 all year: 09:00 local is 06:00Z.
  ['another zone', moscow, '2026-03-06T13:00:00Z', 120, '2026-03-09T07:00:00.000Z'],
]

test('due times count only business hours, skip weekends and holidays, and follow daylight saving', () => {
  for (const [name, cal, start, minutes, expected] of DUE_CASES) {
    assert.equal(addSlaMinutes(start, minutes, cal).toISOString(), expected, name)
  }
})

const BETWEEN_CASES: [string, SlaCalendar, string, string, number][] = [
  ['within a day', weekdays9to17, '2026-03-02T09:00:00Z', '2026-03-02T10:30:00Z', 90],
  ['over a night', weekdays9to17, '2026-03-02T15:00:00Z', '2026-03-03T09:00:00Z', 120],
  ['over a weekend', weekdays9to17, '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z', 120],
  ['over a weekend and a holiday', withHoliday, '2026-03-13T15:00:00Z', '2026-03-17T09:00:00Z', 120],
  ['entirely outside hours', weekdays9to17, '2026-03-07T08:00:00Z', '2026-03-08T20:00:00Z', 0],
  ['backwards is nothing', weekdays9to17, '2026-03-03T09:00:00Z', '2026-03-02T09:00:00Z', 0],
  ['the short spring day', allDay, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23 * 60],
  ['calendar time', calendar, '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z', 66 * 60],
]

test('SLA minutes between two instants use the same calendar', () => {
  for (const [name, cal, from, to, expected] of BETWEEN_CASES) {
    assert.equal(slaMinutesBetween(from, to, cal), expected, name)
  }
})

// A pause moves the due time by the SLA minutes it lasted: due = created + (target + paused).
const PAUSE_CASES: [string, string, number, [string, string][], string][] = [
  // Opened Monday 10:00 local, 4 h target; paused 11:00–12:30 local → 90 min → due 15:30 local.
  [
    'a pause inside the day',
    '2026-03-02T09:00:00Z',
    240,
    [['2026-03-02T10:00:00Z', '2026-03-02T11:30:00Z']],
    '2026-03-02T14:30:00.000Z',
  ],
  // Opened Monday 16:00 local, 4 h target (due Tuesday 12:00); paused Monday 16:30 → Tuesday 10:00
  // local = 30 + 60 min → due Tuesday 13:30 local.
  [
    'a pause over the night',
    '2026-03-02T15:00:00Z',
    240,
    [['2026-03-02T15:30:00Z', '2026-03-03T09:00:00Z']],
    '2026-03-03T12:30:00.000Z',
  ],
  // Two pauses over a weekend: Friday 16:30–17:00 (30 min), Saturday–Monday 10:00 (60 min).
  [
    'two pauses, one over a weekend',
    '2026-03-06T14:00:00Z',
    180,
    [
      ['2026-03-06T15:30:00Z', '2026-03-06T16:00:00Z'],
      ['2026-03-07T10:00:00Z', '2026-03-09T09:00:00Z'],
    ],
    // Friday 15:00–17:00 local gives 120 min less the 30 paused = 90; Monday 09:00–10:00 paused;
    // the remaining 90 from 10:00 → 11:30 local.
    '2026-03-09T10:30:00.000Z',
  ],
]

test('pauses push the due time by the SLA minutes they lasted', () => {
  for (const [name, created, target, pauses, expected] of PAUSE_CASES) {
    const paused = pauses.reduce((sum, [a, b]) => sum + slaMinutesBetween(a, b, weekdays9to17), 0)
    assert.equal(addSlaMinutes(created, target + paused, weekdays9to17).toISOString(), expected, name)
  }
})

test('wall-clock times in the gap and the doubled hour', () => {
  // 02:30 on 29 March does not exist in Budapest: read as 03:30 CEST = 01:30Z.
  assert.equal(new Date(wallToUtc('2026-03-29', 150, 'Europe/Budapest')).toISOString(), '2026-03-29T01:30:00.000Z')
  // 02:30 on 25 October happens twice: the later one (CET) = 01:30Z.
  assert.equal(new Date(wallToUtc('2026-10-25', 150, 'Europe/Budapest')).toISOString(), '2026-10-25T01:30:00.000Z')
})

test('a week without opening hours runs around the clock instead of never', () => {
  const closed: SlaCalendar = {
    ...weekdays9to17,
    hours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
  }
  assert.equal(addSlaMinutes('2026-03-02T09:00:00Z', 60, closed).toISOString(), '2026-03-02T10:00:00.000Z')
})
