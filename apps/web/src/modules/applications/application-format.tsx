// Small display pieces shared by the applications and review pages: status tags with one colour
// per status, the message template filler, durations for SLA timers.
import { Tag } from 'antd';
import type { ApplicationStatus, StipulationStatus } from '@autofin/contracts';
import dayjs from 'dayjs';
import type { ApplicationsMessages } from './applications.i18n.ts';
import type { Widen } from '../../i18n/module-messages.ts';

export type AppMessages = Widen<ApplicationsMessages>;

// Typed against the contract: a new status fails the build here until it has a colour.
const statusColor: Record<ApplicationStatus, string> = {
  received: 'default',
  in_review: 'processing',
  approved: 'green',
  conditionally_approved: 'gold',
  referred: 'orange',
  declined: 'red',
  contracted: 'cyan',
  funded: 'blue',
  withdrawn: 'default',
  expired: 'default',
};

/** The statuses in lifecycle order, for filters (values only, so zod stays out of the bundle). */
export const applicationStatusList = Object.keys(statusColor) as ApplicationStatus[];

export function StatusTag({ status, m }: { status: ApplicationStatus; m: AppMessages }) {
  return (
    <Tag color={statusColor[status]} data-testid="status-tag" data-status={status}>
      {m.statuses[status]}
    </Tag>
  );
}

const stipulationColor: Record<StipulationStatus, string> = { open: 'orange', satisfied: 'green', waived: 'default' };

export function StipulationStatusTag({ status, m }: { status: StipulationStatus; m: AppMessages }) {
  return <Tag color={stipulationColor[status]}>{m.stipulationStatuses[status]}</Tag>;
}

/** Fills {{name}} placeholders of a module message. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A label from a message table, or the raw key when the table has none (a value added on the server first). */
export function labelOf(table: Record<string, string>, key: string | null | undefined): string {
  if (key === null || key === undefined) return '–';
  return Object.hasOwn(table, key) ? (table[key] as string) : key;
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '–';
}

/** The first block of a UUID, as the console shows ids (hover shows the whole). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** A 0..1 probability as a percentage with two places. */
export function formatPd(pd: number): string {
  return `${(pd * 100).toFixed(2)}%`;
}
