-- Demo data for local development (`npm run db:reset`); hosted projects never run it.
-- Every demo account signs in with the password Ratnetz-Demo-2026.
-- Users are inserted the way Supabase Auth stores them, so this seed also works on
-- the Supabase CLI stack; the trigger on auth.users creates their member rows.

create temporary table demo_accounts (id uuid, email text, pseudonym text, site_role public.site_role, locale text) on commit drop;
insert into demo_accounts values
	('00000000-0000-4000-8000-000000000001', 'admin@ratnetz.example', 'Verwaltung_Ratnetz', 'admin', 'de'),
	('00000000-0000-4000-8000-000000000002', 'beraterin@ratnetz.example', 'Anna_Fachberatung', 'counsellor', 'de'),
	('00000000-0000-4000-8000-000000000003', 'moderator@ratnetz.example', 'Jonas_Moderation', 'member', 'de'),
	('00000000-0000-4000-8000-000000000004', 'mama.leo@ratnetz.example', 'Mama_von_Leo', 'member', 'de'),
	('00000000-0000-4000-8000-000000000005', 'papa.tim@ratnetz.example', 'PapaTim', 'member', 'de'),
	('00000000-0000-4000-8000-000000000006', 'oma.ruth@ratnetz.example', 'Oma.Ruth', 'member', 'de'),
	('00000000-0000-4000-8000-000000000007', 'sam@ratnetz.example', 'Sam_Carer', 'member', 'en');

insert into auth.users (
	instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
	raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
	confirmation_token, recovery_token, email_change_token_new, email_change
)
select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email,
	extensions.crypt('Ratnetz-Demo-2026', extensions.gen_salt('bf', 10)), now(),
	'{"provider":"email","providers":["email"]}',
	jsonb_build_object('pseudonym', pseudonym, 'locale', locale),
	now() - interval '60 days', now(), '', '', '', ''
from demo_accounts;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true),
	'email', now(), now(), now()
from demo_accounts;

update public.members m set site_role = d.site_role
from demo_accounts d where d.id = m.id and d.site_role <> 'member';

-- Organisations: three verified by the admin, one recorded and waiting for verification
-- (only admins see it). Fictional, with addresses under the reserved .example domain.
insert into public.organisations (id, name, kind, region, website, created_by, created_at, verified_at, verified_by) values
	('80000000-0000-4000-8000-000000000001', 'Familienhilfe Sachsen e. V.', 'welfare_association', '14',
	 'https://familienhilfe-sachsen.example', '00000000-0000-4000-8000-000000000001', now() - interval '60 days',
	 now() - interval '59 days', '00000000-0000-4000-8000-000000000001'),
	('80000000-0000-4000-8000-000000000002', 'Pflegeberatung Leipzig-Mitte', 'counselling_service', '14713',
	 'https://pflegeberatung-leipzig.example', '00000000-0000-4000-8000-000000000001', now() - interval '40 days',
	 now() - interval '40 days', '00000000-0000-4000-8000-000000000001'),
	('80000000-0000-4000-8000-000000000003', 'Elternkreis Autismus Leipzig', 'self_help', '14713',
	 null, '00000000-0000-4000-8000-000000000001', now() - interval '30 days',
	 now() - interval '29 days', '00000000-0000-4000-8000-000000000001'),
	('80000000-0000-4000-8000-000000000004', 'Kinderzeit Leipzig e. V.', 'association', '14713',
	 'https://kinderzeit-leipzig.example', '00000000-0000-4000-8000-000000000001', now() - interval '2 days', null, null);
insert into public.organisation_events (organisation_id, action, acted_by, acted_at)
select id, 'created'::public.organisation_action, created_by, created_at from public.organisations
union all
select id, 'verified', verified_by, verified_at from public.organisations where verified_at is not null;

-- The demo counsellor is verified (profession and workplace on her badge), belongs to
-- Familienhilfe Sachsen (her answers and checks name it) and leads the service on duty:
-- she serves every community and hears of overdue items.
insert into public.counsellor_profiles (member_id, profession, organisation, organisation_id, serves_all, duty_lead, verified_by) values
	('00000000-0000-4000-8000-000000000002', 'Sozialpädagogin', 'Familienberatung Leipzig',
	 '80000000-0000-4000-8000-000000000001', true, true, '00000000-0000-4000-8000-000000000001');
insert into public.organisation_events (organisation_id, action, member_id, acted_by, acted_at) values
	('80000000-0000-4000-8000-000000000001', 'joined', '00000000-0000-4000-8000-000000000002',
	 '00000000-0000-4000-8000-000000000001', now() - interval '58 days');
insert into public.counsellor_verifications (member_id, action, profession, organisation, serves_all, duty_lead, acted_by)
select member_id, 'verified', profession, organisation, serves_all, duty_lead, verified_by from public.counsellor_profiles;

-- Services of the verified organisations in and around Leipzig and Dresden, one online
-- only, one last confirmed seven months ago (its confirmation is due); Kreis and centre
-- from the postcode, as save_service derives them.
insert into public.services (id, organisation_id, name, kind, description, topics, on_site, online, street,
	postcode, place, region, lat, lon, hours, languages, accessibility, phone, email, website,
	created_by, created_at, confirmed_at, confirmed_by)
select v.id, v.organisation_id, v.name, v.kind::public.service_kind, v.description, v.topics, v.street is not null, v.online,
	v.street, v.postcode, v.place, p.ags, c.lat, c.lon, v.hours, v.languages, v.accessibility, v.phone, v.email, v.website,
	'00000000-0000-4000-8000-000000000002', now() - interval '8 months', now() - v.confirmed_ago,
	'00000000-0000-4000-8000-000000000002'
from (values
	('90000000-0000-4000-8000-000000000001'::uuid, '80000000-0000-4000-8000-000000000003'::uuid,
	 'Elterntreff Autismus', 'self_help_group', 'Eltern autistischer Kinder treffen sich, tauschen Erfahrungen mit Schule und Ämtern aus.',
	 '{autismus,schule}'::text[], 'Karl-Heine-Straße 20', '04229', 'Leipzig', false,
	 '{"","","18–20 Uhr (2. und 4. Mittwoch)","","","",""}'::text[], '{de}'::text[], 'Stufenloser Zugang, barrierefreie Toilette',
	 null, 'elternkreis-autismus@ratnetz.example', null, interval '10 days'),
	('90000000-0000-4000-8000-000000000002', '80000000-0000-4000-8000-000000000002',
	 'Pflegeberatung im Stadtteil', 'counselling', 'Beratung zu Pflegegrad, Entlastung und Pflegegeld, auch bei Ihnen zu Hause.',
	 '{pflege}', 'Markt 1', '04109', 'Leipzig', false,
	 '{"9–12 Uhr","9–12 Uhr","14–18 Uhr","9–12 Uhr","9–12 Uhr","",""}', '{de,en,ru}', 'Aufzug, Gebärdensprache nach Absprache',
	 '0341 1234560', null, 'https://pflegeberatung-leipzig.example/beratung', interval '30 days'),
	('90000000-0000-4000-8000-000000000003', '80000000-0000-4000-8000-000000000001',
	 'Familienberatung Dresden', 'counselling', 'Erziehungs- und Familienberatung, kostenlos und vertraulich.',
	 '{erziehung,trennung}', 'Prager Straße 5', '01069', 'Dresden', false,
	 '{"8–16 Uhr","8–16 Uhr","8–18 Uhr","8–16 Uhr","8–13 Uhr","",""}', '{de,ar,uk}', 'Stufenloser Zugang',
	 '0351 987650', 'dresden@familienhilfe-sachsen.example', null, interval '60 days'),
	('90000000-0000-4000-8000-000000000004', '80000000-0000-4000-8000-000000000001',
	 'Elterncafé Grünau', 'meeting_place', 'Offener Treff für Familien mit kleinen Kindern, mit Beratung zur Kita-Suche.',
	 '{erziehung,kita}', 'Stuttgarter Allee 16', '04209', 'Leipzig', false,
	 '{"","15–17 Uhr","","15–17 Uhr","","",""}', '{de,ar,tr}', 'Kinderwagen passen durch die Tür; Wickelraum',
	 '0341 4445550', null, null, interval '90 days'),
	('90000000-0000-4000-8000-000000000005', '80000000-0000-4000-8000-000000000001',
	 'Online-Beratung bei Trennung', 'counselling', 'Beratung per Chat und Video für Eltern in Trennung, in ganz Sachsen.',
	 '{trennung,erziehung}', null, null, null, true,
	 '{"10–18 Uhr","10–18 Uhr","10–18 Uhr","10–18 Uhr","10–14 Uhr","",""}', '{de,en}', '',
	 null, 'online@familienhilfe-sachsen.example', 'https://familienhilfe-sachsen.example/online', interval '20 days'),
	('90000000-0000-4000-8000-000000000006', '80000000-0000-4000-8000-000000000001',
	 'Beratung Schulbegleitung', 'counselling', 'Wie Schulbegleitung beantragt wird und was sie leisten kann.',
	 '{autismus,schule,behinderung}', 'Rathausstraße 24', '04416', 'Markkleeberg', false,
	 '{"","9–15 Uhr","","9–15 Uhr","","",""}', '{de}', 'Erdgeschoss, stufenlos',
	 '0341 3334440', null, null, interval '7 months')
) as v (id, organisation_id, name, kind, description, topics, street, postcode, place, online, hours, languages,
	accessibility, phone, email, website, confirmed_ago)
left join public.postcode_centroids c on c.postcode = v.postcode
left join public.postcodes p on p.postcode = v.postcode and p.is_primary;

-- The counselling service is staffed on weekdays, 9 to 17 (Berlin time).
insert into public.staffed_hours (weekday, opens, closes)
select d, '09:00', '17:00' from generate_series(1, 5) d;

insert into public.communities (id, slug, name, description, rules, topic, region) values
	('10000000-0000-4000-8000-000000000001', 'autismus-schule', 'Autismus & Schule',
	 'Eltern autistischer Kinder tauschen sich aus: Schulbegleitung, Nachteilsausgleich, Gespräche mit der Schule.',
	 'Respektvoll bleiben. Keine Namen von Kindern, Schulen oder Lehrkräften. Erfahrungen teilen, keine Diagnosen stellen.',
	 'Behinderung & Schule', null),
	('10000000-0000-4000-8000-000000000002', 'pflege-angehoerige', 'Pflege von Angehörigen',
	 'Für alle, die Eltern, Partner oder Kinder pflegen: Pflegegrad, Entlastung, Pflegegeld.',
	 'Respektvoll bleiben. Keine Gesundheitsdaten Dritter.', 'Pflege', null),
	('10000000-0000-4000-8000-000000000003', 'trennung-familie', 'Trennung & Familie',
	 'Umgang, Unterhalt und wie Kinder gut durch eine Trennung kommen.',
	 'Keine Schuldzuweisungen an Ex-Partner. Keine Rechtsberatung im Einzelfall.', 'Familie', null),
	('10000000-0000-4000-8000-000000000004', 'familien-leipzig', 'Familien in Leipzig',
	 'Kita-Plätze, Beratungsstellen und Angebote für Familien in Leipzig.',
	 'Nur Angebote, keine Werbung.', 'Familie', '14713'),
	('10000000-0000-4000-8000-000000000005', 'carers-english', 'Carers in Germany (English)',
	 'English-speaking families caring for a relative in Germany: benefits, forms, services.',
	 'Be kind. No personal data of others.', 'Pflege', null);

-- The first moderator owns the community: they appoint and remove its other moderators.
insert into public.community_moderators (community_id, member_id, appointed_by, is_owner) values
	('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', true),
	('10000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', true);

insert into public.community_members (community_id, member_id)
select c.id, m.id from public.communities c cross join public.members m
where m.id <> '00000000-0000-4000-8000-000000000001'
	and (c.slug <> 'carers-english' or m.pseudonym in ('Sam_Carer', 'Anna_Fachberatung'));

insert into public.threads (id, community_id, author_id, is_anonymous, title, body_markdown, body_html, wants_professional, created_at) values
	('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004', false,
	 'Schule lehnt Schulbegleitung für meinen Sohn ab – was kann ich tun?',
	 E'Mein Sohn (9, Autismus) soll ab Herbst ohne Schulbegleitung auskommen. Die Schule sagt, es gebe keinen Bedarf.\n\nHat jemand Erfahrung mit einem Widerspruch?',
	 E'<p>Mein Sohn (9, Autismus) soll ab Herbst ohne Schulbegleitung auskommen. Die Schule sagt, es gebe keinen Bedarf.</p>\n<p>Hat jemand Erfahrung mit einem Widerspruch?</p>\n',
	 false, now() - interval '3 days'),
	('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005', true,
	 'Nachteilsausgleich bei Klassenarbeiten beantragen',
	 'Wie habt ihr den Nachteilsausgleich beantragt? Reicht ein Attest vom Kinderarzt?',
	 E'<p>Wie habt ihr den Nachteilsausgleich beantragt? Reicht ein Attest vom Kinderarzt?</p>\n',
	 true, now() - interval '1 day'),
	('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000006', false,
	 'Pflegegrad für meine Mutter – wie läuft die Begutachtung ab?',
	 'Nächste Woche kommt der Medizinische Dienst. Worauf sollte ich achten?',
	 E'<p>Nächste Woche kommt der Medizinische Dienst. Worauf sollte ich achten?</p>\n',
	 false, now() - interval '6 days'),
	('20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000007', false,
	 'Which form do I need for Pflegegeld as a foreign resident?',
	 'My father lives with us in Hamburg. Does anyone know which office handles the application?',
	 E'<p>My father lives with us in Hamburg. Does anyone know which office handles the application?</p>\n',
	 false, now() - interval '2 days');

insert into public.posts (thread_id, author_id, body_markdown, body_html, created_at) values
	('20000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000006',
	 'Wir haben Widerspruch beim Sozialamt eingelegt, nicht bei der Schule. Die Eingliederungshilfe entscheidet, nicht die Schule.',
	 E'<p>Wir haben Widerspruch beim Sozialamt eingelegt, nicht bei der Schule. Die Eingliederungshilfe entscheidet, nicht die Schule.</p>\n',
	 now() - interval '2 days'),
	('20000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005',
	 'Lass dir die Ablehnung schriftlich geben. Die Frist für den Widerspruch ist ein Monat.',
	 E'<p>Lass dir die Ablehnung schriftlich geben. Die Frist für den Widerspruch ist ein Monat.</p>\n',
	 now() - interval '2 days' + interval '3 hours'),
	('20000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002',
	 'Aus der Beratungspraxis: Ein Bericht der behandelnden Therapeutin zum Unterstützungsbedarf hilft im Widerspruch sehr.',
	 E'<p>Aus der Beratungspraxis: Ein Bericht der behandelnden Therapeutin zum Unterstützungsbedarf hilft im Widerspruch sehr.</p>\n',
	 now() - interval '1 day'),
	('20000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004',
	 'Führe eine Woche lang ein Pflegetagebuch. Das hat uns sehr geholfen.',
	 E'<p>Führe eine Woche lang ein Pflegetagebuch. Das hat uns sehr geholfen.</p>\n',
	 now() - interval '5 days'),
	('20000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002',
	 'The Pflegekasse of his health insurer handles it. You can apply informally by phone first.',
	 E'<p>The Pflegekasse of his health insurer handles it. You can apply informally by phone first.</p>\n',
	 now() - interval '1 day');

update public.threads t set last_activity_at = coalesce((select max(p.created_at) from public.posts p where p.thread_id = t.id), t.created_at);

-- A solved question, families who share a question, and tags.
update public.threads set accepted_post_id = (select id from public.posts where thread_id = '20000000-0000-4000-8000-000000000003' limit 1)
where id = '20000000-0000-4000-8000-000000000003';
update public.threads set tags = '{schulbegleitung,widerspruch}' where id = '20000000-0000-4000-8000-000000000001';
update public.threads set tags = '{nachteilsausgleich}' where id = '20000000-0000-4000-8000-000000000002';
update public.threads set tags = '{pflegegrad,begutachtung}' where id = '20000000-0000-4000-8000-000000000003';
insert into public.me_toos (thread_id, member_id) values
	('20000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005'),
	('20000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000007');
insert into public.thread_follows (thread_id, member_id)
select id, author_id from public.threads where author_id is not null;

-- "Trennung & Familie" holds posts with crisis words until a counsellor or moderator has looked.
update public.communities set crisis_policy = 'hold' where slug = 'trennung-familie';

-- A guide written from Leo's question, improved by a peer, its newest version checked by the demo counsellor.
insert into public.guides (id, community_id, created_by, title, version, created_at, updated_at) values
	('60000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004',
	 'Schulbegleitung abgelehnt: Widerspruch Schritt für Schritt', 2, now() - interval '20 hours', now() - interval '12 hours');
insert into public.guide_versions (guide_id, number, title, body_markdown, body_html, author_id, written_at) values
	('60000000-0000-4000-8000-000000000001', 1, 'Schulbegleitung abgelehnt: Widerspruch Schritt für Schritt',
	 E'Über die Schulbegleitung entscheidet die Eingliederungshilfe (Sozialamt oder Jugendamt), nicht die Schule.\n\nLass dir die Ablehnung schriftlich geben und lege innerhalb eines Monats Widerspruch ein.',
	 E'<p>Über die Schulbegleitung entscheidet die Eingliederungshilfe (Sozialamt oder Jugendamt), nicht die Schule.</p>\n<p>Lass dir die Ablehnung schriftlich geben und lege innerhalb eines Monats Widerspruch ein.</p>',
	 '00000000-0000-4000-8000-000000000004', now() - interval '20 hours'),
	('60000000-0000-4000-8000-000000000001', 2, 'Schulbegleitung abgelehnt: Widerspruch Schritt für Schritt',
	 E'Über die Schulbegleitung entscheidet die Eingliederungshilfe (Sozialamt oder Jugendamt), nicht die Schule.\n\nLass dir die Ablehnung schriftlich geben und lege innerhalb eines Monats Widerspruch ein. Ein Bericht der behandelnden Therapeutin zum Unterstützungsbedarf hilft sehr.',
	 E'<p>Über die Schulbegleitung entscheidet die Eingliederungshilfe (Sozialamt oder Jugendamt), nicht die Schule.</p>\n<p>Lass dir die Ablehnung schriftlich geben und lege innerhalb eines Monats Widerspruch ein. Ein Bericht der behandelnden Therapeutin zum Unterstützungsbedarf hilft sehr.</p>',
	 '00000000-0000-4000-8000-000000000005', now() - interval '12 hours');
insert into public.guide_threads (guide_id, thread_id) values
	('60000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001');
insert into public.guide_reviews (guide_id, number, reviewer_id, reviewed_at) values
	('60000000-0000-4000-8000-000000000001', 2, '00000000-0000-4000-8000-000000000002', now() - interval '6 hours');

-- Service ideas: "Familien in Leipzig" puts an idea in front of its counsellors at 3 supports
-- (the default is 10), so the demo shows each step. One idea there has official answers (under
-- review, then accepted), one waits for a statement, one is new; one in "Autismus & Schule" is done.
update public.communities set idea_support_threshold = 3 where slug = 'familien-leipzig';
insert into public.service_ideas (id, community_id, author_id, title, body_markdown, body_html, created_at) values
	('70000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000004',
	 'Erziehungsberatung auch abends oder samstags anbieten',
	 E'Die Beratungsstelle hat nur vormittags und bis 16 Uhr offen. Wer Vollzeit arbeitet, bekommt keinen Termin, ohne Urlaub zu nehmen.\n\nEin Abend pro Woche oder ein Samstag im Monat würde vielen Familien helfen.',
	 E'<p>Die Beratungsstelle hat nur vormittags und bis 16 Uhr offen. Wer Vollzeit arbeitet, bekommt keinen Termin, ohne Urlaub zu nehmen.</p>\n<p>Ein Abend pro Woche oder ein Samstag im Monat würde vielen Familien helfen.</p>\n',
	 now() - interval '10 days'),
	('70000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005',
	 'Freie Kita-Plätze an einer Stelle im Netz zeigen',
	 E'Wir haben 14 Kitas einzeln angerufen. Eine gemeinsame Übersicht der freien Plätze, jede Woche aktualisiert, würde Eltern viele Anrufe sparen.',
	 E'<p>Wir haben 14 Kitas einzeln angerufen. Eine gemeinsame Übersicht der freien Plätze, jede Woche aktualisiert, würde Eltern viele Anrufe sparen.</p>\n',
	 now() - interval '4 days'),
	('70000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000006',
	 'Anträge für Familien in einfacher Sprache erklären',
	 E'Viele Formulare verstehe ich erst beim dritten Lesen. Ein Merkblatt in einfacher Sprache zu den häufigsten Anträgen wäre gut.',
	 E'<p>Viele Formulare verstehe ich erst beim dritten Lesen. Ein Merkblatt in einfacher Sprache zu den häufigsten Anträgen wäre gut.</p>\n',
	 now() - interval '1 day'),
	('70000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005',
	 'Informationsabend zur Schulbegleitung für Eltern',
	 E'Jedes Jahr fragen neue Eltern hier dasselbe. Ein Abend, an dem die Beratungsstelle den Antrag Schritt für Schritt erklärt, würde helfen.',
	 E'<p>Jedes Jahr fragen neue Eltern hier dasselbe. Ein Abend, an dem die Beratungsstelle den Antrag Schritt für Schritt erklärt, würde helfen.</p>\n',
	 now() - interval '30 days');
-- The triggers count the supports, note the threshold and tell the counsellors; the answers set the states.
insert into public.idea_supports (idea_id, member_id, supported_at) values
	('70000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005', now() - interval '9 days'),
	('70000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000006', now() - interval '9 days'),
	('70000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000007', now() - interval '8 days'),
	('70000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000004', now() - interval '3 days'),
	('70000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000006', now() - interval '3 days'),
	('70000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000007', now() - interval '2 days'),
	('70000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', now() - interval '20 hours'),
	('70000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000004', now() - interval '29 days'),
	('70000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000006', now() - interval '28 days');
insert into public.idea_comments (idea_id, author_id, body_markdown, body_html, created_at) values
	('70000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000006',
	 'Samstags könnte auch ich als Oma mitkommen und die Kinder betreuen.',
	 E'<p>Samstags könnte auch ich als Oma mitkommen und die Kinder betreuen.</p>\n', now() - interval '8 days'),
	('70000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000007',
	 'A list in English too would help families who are new to Leipzig.',
	 E'<p>A list in English too would help families who are new to Leipzig.</p>\n', now() - interval '2 days');
insert into public.idea_answers (idea_id, state, reasons, answered_by, answered_at) values
	('70000000-0000-4000-8000-000000000001', 'under_review',
	 'Wir sprechen mit dem Team, ob ein Abendtermin pro Woche machbar ist, und melden uns bis Monatsende.',
	 '00000000-0000-4000-8000-000000000002', now() - interval '6 days'),
	('70000000-0000-4000-8000-000000000001', 'accepted',
	 E'Ab dem nächsten Monat bieten wir donnerstags Termine bis 19 Uhr an.\nAnmeldung wie bisher telefonisch oder online.',
	 '00000000-0000-4000-8000-000000000002', now() - interval '2 days'),
	('70000000-0000-4000-8000-000000000004', 'done',
	 'Der erste Informationsabend hat stattgefunden; die Folien liegen in der Beratungsstelle aus. Wir wiederholen ihn jedes Frühjahr.',
	 '00000000-0000-4000-8000-000000000002', now() - interval '10 days');

-- Sharing between the verified organisations: offers, a request, bookings past and to come (confirmed ones never
-- overlap), so Anna_Fachberatung of Familienhilfe Sachsen finds one to decide and a history on /o/<id>/sharing.
insert into public.shared_resources (id, organisation_id, kind, title, description, region, place, conditions, created_at) values
	('81000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000001', 'room', 'Seminarraum mit Spielecke',
	 'Für bis zu 20 Personen, Beamer und Flipchart, eine Spielecke für Kinder.', '14713', 'Leipzig-Mitte', 'Abends und am Wochenende; bitte besenrein hinterlassen.', now() - interval '50 days'),
	('81000000-0000-4000-8000-000000000002', '80000000-0000-4000-8000-000000000002', 'vehicle', 'Kleinbus mit neun Sitzen',
	 'Für Ausflüge mit Familien; zwei Kindersitze sind dabei.', '14713', 'Leipzig-Plagwitz', 'Führerschein Klasse B, Tankfüllung wie übernommen.', now() - interval '35 days'),
	('81000000-0000-4000-8000-000000000003', '80000000-0000-4000-8000-000000000003', 'skill', 'Gebärdensprache für Elternabende', 'Zwei Mitglieder dolmetschen an Elternabenden.', '14', '', '', now() - interval '20 days');
insert into public.resource_requests (id, organisation_id, kind, title, description, region, created_at) values
	('82000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000003', 'room', 'Raum für ein monatliches Elterntreffen',
	 'Jeden ersten Dienstag im Monat, 18 bis 20 Uhr, für etwa 12 Eltern.', '14713', now() - interval '10 days');
insert into public.resource_bookings (id, resource_id, organisation_id, span, message, state, decline_reason, requested_at, decided_at)
select ('83000000-0000-4000-8000-00000000000' || n)::uuid, resource::uuid, borrower::uuid,
	tstzrange(date_trunc('day', now()) + starts, date_trunc('day', now()) + starts + length), message,
	state::public.booking_state, reason, now() - interval '30 days', case when state <> 'requested' then now() - interval '29 days' end
from (values
	(1, '81000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000003', interval '-20 days 18 hours', interval '2 hours', 'Für unser Elterntreffen.', 'confirmed', null),
	(2, '81000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000002', interval '7 days 10 hours', interval '3 hours', 'Für eine Schulung pflegender Angehöriger.', 'confirmed', null),
	(3, '81000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000003', interval '14 days 18 hours', interval '2 hours', 'Für unser Elterntreffen im nächsten Monat.', 'requested', null),
	(4, '81000000-0000-4000-8000-000000000002', '80000000-0000-4000-8000-000000000001', interval '-5 days 9 hours', interval '8 hours', 'Ausflug in den Zoo mit drei Familien.', 'confirmed', null),
	(5, '81000000-0000-4000-8000-000000000002', '80000000-0000-4000-8000-000000000003', interval '3 days 9 hours', interval '8 hours', 'Fahrt zum Autismus-Tag.', 'declined', 'Der Bus ist an diesem Tag in der Werkstatt.')
) as b (n, resource, borrower, starts, length, message, state, reason);
