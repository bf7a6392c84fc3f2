// The scheduler: work that must happen on time whether or not anyone reads a page.
// The jobs are SQL functions, the same that pg_cron runs on hosted Supabase on the same
// schedule (supabase/migrations/20261125180200_scheduled_jobs.sql); each is idempotent
// and safe beside another server's run (advisory locks, `for update skip locked`), so
// every app server runs them, and pg_cron may too. The mail sender works the outbox on
// its own, shorter beat. Started once per server from hooks.server.ts.
import { env } from '$env/dynamic/private';
import type { Tx } from './db';
import { systemTransaction } from './db';
import { deliverDueMails, errorCode, log, smtpTransport } from '../mail/delivery';

/** Each job with the SQL it runs; `at` is the moment digests are due for (tests pick the day). */
export const jobs = {
	/** Questions no peer answered within their community's waiting time become items. */
	unanswered_escalations: (tx: Tx) =>
		tx<{ done: number }[]>`select public.open_unanswered_escalations() as done`,
	/** Items past their due time alert their counsellors and a duty lead, once per due time. */
	overdue_escalations: (tx: Tx) =>
		tx<{ done: number }[]>`select public.alert_overdue_escalations() as done`,
	/** The daily digests at 07:00 Berlin time. */
	digests: (tx: Tx, at = new Date()) =>
		tx<{ done: number }[]>`select public.queue_digests(${at}) as done`,
	/** The counsellors' queue's 30-day medians per community (the queue reads them by key). */
	queue_medians: (tx: Tx) => tx<{ done: number }[]>`select public.keep_queue_medians() as done`,
	/** The topic radar's open figures, written anew at most once an hour. */
	topic_radar: (tx: Tx) => tx<{ done: number }[]>`select public.keep_topic_radar() as done`,
	/** The needs signal's weekly summaries, due Mondays at 07:00 Berlin time. */
	needs_summaries: (tx: Tx, at = new Date()) =>
		tx<{ done: number }[]>`select public.queue_needs_summaries(${at}) as done`,
	/** Services last confirmed six months ago: their organisation's counsellors are asked once. */
	service_confirmations: (tx: Tx) =>
		tx<{ done: number }[]>`select public.ask_service_confirmations() as done`
} as const;
export type Job = keyof typeof jobs;

/** One job in a transaction of its own, as a system job; returns what it did (a count). */
export async function runJob(job: Job, at?: Date) {
	const [row] = await systemTransaction((tx) => jobs[job](tx, at));
	return row.done;
}

/** Every job, each on its own: one failing does not keep the others from running. */
export async function runJobs() {
	for (const job of Object.keys(jobs) as Job[]) {
		try {
			const done = await runJob(job);
			if (done > 0) log('info', 'job_done', { job, done });
		} catch (error) {
			log('error', 'job_failed', { job, code: errorCode(error) });
		}
	}
}

let started = false;

/** Runs `task` now and then every `seconds`, never twice at once; the timer keeps no process alive. */
function every(seconds: number, task: () => Promise<unknown>) {
	const tick = async () => {
		await task();
		setTimeout(tick, seconds * 1000).unref();
	};
	setTimeout(tick, 0).unref();
}

/**
 * The jobs every SCHEDULE_SECONDS (default 60, as pg_cron's every minute), unless
 * SCHEDULED_JOBS=pg_cron says the database schedules them; mails every
 * MAIL_POLL_SECONDS (default 5) when SMTP_URL is set (otherwise they wait in the outbox).
 */
export function startScheduler() {
	if (started) return;
	started = true;
	if (env.SCHEDULED_JOBS === 'pg_cron') log('info', 'jobs_scheduled_by_pg_cron');
	else every(Number(env.SCHEDULE_SECONDS || 60), runJobs);
	if (!env.SMTP_URL) {
		log('warn', 'mail_delivery_off', { reason: 'SMTP_URL is not set' });
		return;
	}
	const transport = smtpTransport(env.SMTP_URL);
	every(Number(env.MAIL_POLL_SECONDS || 5), () =>
		deliverDueMails(transport).catch((error) =>
			log('error', 'mail_delivery_error', {
				name: error instanceof Error ? error.name : 'Error',
				code: errorCode(error)
			})
		)
	);
}
