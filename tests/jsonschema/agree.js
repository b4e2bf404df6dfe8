#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// jsonschema-agree: schemas/zhun.schema.json, applied as an editor applies it (YAML 1.2 core
// schema, as yaml-language-server reads YAML), accepts and rejects what `zhun validate` accepts
// and rejects on the YAML corpus. One TAP line per file.
//
// Needs node and the packages of package.json beside this file; skips when they are missing:
//   npm ci --prefix tests/jsonschema        (tools/setup does; or put them on NODE_PATH)
// Files: every .yaml and .yml under tests/ and examples/, except zhun.yaml settings files and
// the files of a directory that holds one.
// Known exceptions, where zhun checks what a JSON Schema cannot: a file the schema accepts while
// every error zhun reports is one no schema can state (the standard-number grammar, the files a
// system names, YAML tags, the safety limits) or lies in another file the tested one names; and
// the files listed with their reason in exceptions.txt beside this file, which must then still
// disagree exactly as listed.
//
// Usage: node agree.js ZHUN SRCDIR
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

let Ajv, YAML;
try {
	Ajv = require('ajv');
	YAML = require('yaml');
} catch (e) {
	// tools/test installs them (tools/setup: npm ci) and sets ZHUN_JSONSCHEMA_REQUIRED, so that
	// in CI a missing package is a failure, not a silent skip
	if (process.env.ZHUN_JSONSCHEMA_REQUIRED) {
		console.log('1..1\nnot ok 1 - ajv and yaml not installed (tools/setup runs npm ci --prefix tests/jsonschema)');
		process.exit(1);
	}
	console.log('1..0 # SKIP ajv and yaml not installed: npm ci --prefix tests/jsonschema');
	process.exit(0);
}

const zhun = path.resolve(process.argv[2]);
const src = path.resolve(process.argv[3]);

function walk(dir, out) {
	// a project's zhun.yaml may change what a rule's finding weighs (docs/format.md §8), so
	// zhun's verdict under it is the project's, not the format's: such files are left out
	if (!fs.existsSync(dir) || fs.existsSync(path.join(dir, 'zhun.yaml')))
		return out;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		// not the packages, nor the fuzzers' generated corpora (.gitignore keeps both out)
		if (e.isDirectory() && e.name !== 'node_modules' &&
		    !/^tests\/fuzz\/(corpus|crash|leak|timeout)-/.test(path.relative(src, p)))
			walk(p, out);
		else if (/\.ya?ml$/.test(e.name) && e.name !== 'zhun.yaml')
			out.push(path.relative(src, p));
	}
	return out;
}

function exceptions() {
	const file = path.join(__dirname, 'exceptions.txt');
	const map = new Map();
	if (!fs.existsSync(file))
		return map;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (!line.trim() || line.startsWith('#'))
			continue;
		const [p, schema, zv, ...why] = line.trim().split(/\s+/);
		map.set(p, { schema, zhun: zv, why: why.join(' ') });
	}
	return map;
}

// Why zhun's errors (text output) about `file` are all beyond a schema, or null.
function beyondSchema(file, stderr) {
	const whys = [];
	let n = 0;
	for (const line of stderr.split('\n')) {
		const m = /^(.*?)(?::\d+)*: (error|fatal): .*?(?: \[([a-z0-9-]+)\])?$/.exec(line);
		if (!m)
			continue;
		n++;
		const code = m[3] || '';
		let why;
		if (m[1] !== file)
			why = 'a file it names is invalid';
		else if (/^stdno-(invalid|sector|province|glyph)$/.test(code))
			why = `the standard-number grammar (${code})`;
		else if (/^linked-(file|kind)$/.test(code))
			why = `a file it names is missing or of the wrong kind (${code})`;
		else if (code === 'yaml-tag')
			why = 'a YAML tag, which the parsed document no longer shows (yaml-tag)';
		else if (/^(file-too-large|line-too-long|depth-limit|alias-limit|node-limit)$/.test(code))
			why = `zhun refuses to load it (${code})`;
		else
			return null;
		if (!whys.includes(why))
			whys.push(why);
	}
	return n ? whys.join('; ') : null;
}

// The schema itself: well-formed JSON, valid draft-07 (Ajv checks it against the meta-schema
// when compiling), every $ref resolvable, every pattern a valid regular expression.
const schemaText = fs.readFileSync(path.join(src, 'schemas/zhun.schema.json'), 'utf8');
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: false });
const validate = ajv.compile(JSON.parse(schemaText));

const files = walk(path.join(src, 'tests'), []).concat(walk(path.join(src, 'examples'), []));
files.sort();
const known = exceptions();
const zhunEnv = Object.assign({}, process.env, { NO_COLOR: '1', LC_ALL: 'C.UTF-8' });
delete zhunEnv.LANGUAGE;
delete zhunEnv.LANG;
delete zhunEnv.LC_MESSAGES;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zhun-jsonschema-'));
let n = 0, fail = 0, agree = 0, excused = 0;
console.log(`1..${files.length + 1}`);
console.log('ok 1 - schemas/zhun.schema.json is a valid draft-07 schema');
n++;

for (const rel of files) {
	n++;
	let sv, why = '', beyond;
	try {
		const doc = YAML.parse(fs.readFileSync(path.join(src, rel), 'utf8'),
			{ version: '1.2', schema: 'core', uniqueKeys: true, maxAliasCount: 1000 });
		sv = validate(doc) ? 'accept' : 'reject';
		if (sv === 'reject')
			why = ajv.errorsText(validate.errors);
	} catch (e) {
		sv = 'reject';
		why = e.message.split('\n')[0];
	}
	// in an empty directory (no zhun.yaml of the caller applies), with messages in English
	const r = spawnSync(zhun, ['validate', '--color', 'never', path.join(src, rel)],
		{ cwd: work, encoding: 'utf8', env: zhunEnv });
	const code = r.status;
	const zv = code === 0 ? 'accept' : code === 1 || code === 3 ? 'reject' : 'error';
	const exc = known.get(rel);
	if (exc) {
		known.delete(rel);
		if (exc.schema === sv && exc.zhun === zv && sv !== zv) {
			console.log(`ok ${n} - ${rel} (known exception: ${exc.why})`);
			excused++;
			continue;
		}
		console.log(`not ok ${n} - ${rel}: listed as schema ${exc.schema}, zhun ${exc.zhun}, but the schema ${sv}s and zhun ${zv}s`);
	} else if (sv === zv) {
		console.log(`ok ${n} - ${rel} (both ${sv})`);
		agree++;
		continue;
	} else if (sv === 'accept' && zv === 'reject' &&
		   (beyond = beyondSchema(path.join(src, rel), r.stderr || ''))) {
		console.log(`ok ${n} - ${rel} (known exception: beyond JSON Schema: ${beyond})`);
		excused++;
		continue;
	} else {
		console.log(`not ok ${n} - ${rel}: the schema ${sv}s but zhun ${zv === 'error' ? 'fails with exit ' + code : zv + 's'}`);
	}
	if (why)
		console.log(`# schema: ${why}`);
	for (const l of (r.stderr || '').split('\n').slice(0, 5))
		if (l)
			console.log(`# zhun: ${l}`);
	fail = 1;
}
fs.rmSync(work, { recursive: true, force: true });
for (const p of known.keys()) {
	console.log(`# exceptions.txt names ${p}, which is not in the corpus`);
	fail = 1;
}
console.log(`# ${files.length} files: ${agree} agree, ${excused} known exceptions`);
process.exit(fail);
