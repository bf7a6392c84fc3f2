// E-mail: GoTrue's default templates, the project's templates from content_path,
// and delivery over SMTP (the local catcher on 127.0.0.1:54325 by default).
import { readFile } from 'node:fs/promises';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AuthConfig, TemplateType } from './config.ts';
import { parseTemplate, renderTemplate, type TemplateData } from './template.ts';

const defaultSubjects: Record<TemplateType, string> = {
	invite: 'You have been invited',
	confirmation: 'Confirm Your Email',
	recovery: 'Reset Your Password',
	magic_link: 'Your Magic Link',
	email_change: 'Confirm Email Change'
};

const defaultBodies: Record<TemplateType, string> = {
	invite: `<h2>You have been invited</h2>

<p>You have been invited to create a user on {{ .SiteURL }}. Follow this link to accept the invite:</p>
<p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
	confirmation: `<h2>Confirm Your Email</h2>

<p>Follow this link to confirm your email:</p>
<p><a href="{{ .ConfirmationURL }}">Confirm your email address</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>
`,
	recovery: `<h2>Reset password</h2>

<p>Follow this link to reset the password for your user:</p>
<p><a href="{{ .ConfirmationURL }}">Reset password</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
	magic_link: `<h2>Magic Link</h2>

<p>Follow this link to login:</p>
<p><a href="{{ .ConfirmationURL }}">Log In</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`,
	email_change: `<h2>Confirm email address change</h2>

<p>Follow this link to confirm the update of your email address from {{ .Email }} to {{ .NewEmail }}:</p>
<p><a href="{{ .ConfirmationURL }}">Change email address</a></p>
<p>Alternatively, enter the code: {{ .Token }}</p>`
};

export type Mailer = {
	send(type: TemplateType, to: string, data: TemplateData): Promise<void>;
	close(): void;
};

export function createMailer(config: AuthConfig, log: (line: string) => void): Mailer {
	const smtp = config.smtp;
	const transport: Transporter | null = smtp
		? nodemailer.createTransport({
				host: smtp.host,
				port: smtp.port,
				secure: smtp.port === 465,
				auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
				connectionTimeout: 5000,
				greetingTimeout: 5000
			})
		: null;

	// Read on every mail, so template edits apply without a restart (GoTrue reloads too).
	// A template that does not parse falls back to GoTrue's default, as GoTrue does.
	async function body(type: TemplateType, data: TemplateData): Promise<string> {
		const file = config.mailer.templates[type]?.contentFile;
		if (file) {
			try {
				return renderTemplate(parseTemplate(await readFile(file, 'utf8')), data);
			} catch (error) {
				log(`auth: template ${type} (${file}) failed, using the default: ${String(error)}`);
			}
		}
		return renderTemplate(parseTemplate(defaultBodies[type]), data);
	}

	return {
		async send(type, to, data) {
			const subject = renderTemplate(
				parseTemplate(config.mailer.templates[type]?.subject ?? defaultSubjects[type]),
				data
			);
			const html = await body(type, data);
			if (!transport || !smtp) {
				log(`auth: no SMTP host configured, dropping a ${type} mail`);
				return;
			}
			await transport.sendMail({
				from: smtp.senderName
					? { name: smtp.senderName, address: smtp.adminEmail }
					: smtp.adminEmail,
				to,
				subject,
				html
			});
		},
		close() {
			transport?.close();
		}
	};
}
