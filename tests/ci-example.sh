#!/bin/bash
# SPDX-License-Identifier: MIT
# The CI examples of docs/ci.md and of the files `zhun init` writes, run for real on a
# repository made by `zhun init`: the same zhun commands in both; they succeed on the clean
# repository; the SARIF is JSON with runs[0].results, the JUnit well-formed XML, the GitHub
# lines workflow commands; with a finding, the reports carry it and the failing steps fail.
# The pre-commit files parse and their hooks run. The install step of the CI files, run as
# written on a scratch clone of this tree, builds and installs a zhun that passes the same steps.
# Usage: ci-example.sh ZHUN SRCDIR   Prints TAP.
set -u
zhun=$(realpath "$1")
src=$(realpath "$2")
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE LANG LC_MESSAGES SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$zhun" "$tmp/bin/zhun"
export PATH="$tmp/bin:$PATH"
n=0
fail=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		fail=1
	fi
}
# The one-line zhun commands of YAML files: `run: zhun …` (GitHub) and `- zhun …` (GitLab).
zhun_lines() {
	sed -n 's/^ *\(run: \|- \)\(zhun .*\)$/\2/p' "$@"
}

repo=$tmp/repo
zhun -q init "$repo" >/dev/null 2>&1
result $? "zhun init makes the example repository"
cd "$repo" || exit 1
git init -q . 2>/dev/null && git add -A 2>/dev/null

zhun_lines .github/workflows/zhun.yml .gitlab-ci.yml | sort -u >"$tmp/init-cmds"
# docs/ci.md: the lines of its yaml blocks
awk '/^```yaml/{y=1; next} /^```/{y=0} y' "$src/docs/ci.md" >"$tmp/ci.yaml"
zhun_lines "$tmp/ci.yaml" | sort -u >"$tmp/doc-cmds"
[ -s "$tmp/init-cmds" ] && cmp -s "$tmp/init-cmds" "$tmp/doc-cmds"
result $? "docs/ci.md shows the zhun commands that zhun init writes ($(wc -l <"$tmp/init-cmds") commands)"
diff "$tmp/init-cmds" "$tmp/doc-cmds" | sed 's/^/# /'
grep -q 'github/codeql-action/upload-sarif' .github/workflows/zhun.yml && grep -q 'sarif_file: zhun.sarif' .github/workflows/zhun.yml
result $? "the workflow uploads zhun.sarif with upload-sarif"
grep -q 'junit: zhun-junit.xml' .gitlab-ci.yml
result $? "the GitLab job reports zhun-junit.xml as JUnit"

# Run every command as the CI shell would; `$?` in `|| [ $? -eq 1 ]` needs bash.
run_all() { # expected status of the plain commands, of the `|| [ $? -eq 1 ]` ones
	while read -r cmd; do
		bash -c "$cmd" >"$tmp/stdout" 2>"$tmp/stderr"
		st=$?
		case $cmd in
		*'>'*) ;;
		*) cp "$tmp/stdout" "$tmp/last-stdout" ;;
		esac
		want=$1
		case $cmd in *'|| ['*) want=$2 ;; esac
		[ "$st" = "$want" ]
		result $? "$3: '$cmd' exits $want (got $st)"
		[ "$st" = "$want" ] || sed 's/^/# /' "$tmp/stderr" | head -5
	done <"$tmp/init-cmds"
}
sarif_ok() { # minimum number of results
	python3 - "$1" <<'EOF'
import json, sys
d = json.load(open('zhun.sarif'))
res = d['runs'][0]['results']
assert d['version'] == '2.1.0', d['version']
assert isinstance(res, list) and len(res) >= int(sys.argv[1]), len(res)
for r in res:
    assert r['ruleId'] and r['locations'][0]['physicalLocation']['artifactLocation']['uri']
EOF
}

run_all 0 0 "clean"
sarif_ok 0
result $? "clean: zhun.sarif is SARIF 2.1.0 JSON with runs[0].results"
xmllint --noout zhun-junit.xml && ! grep -q '<failure' zhun-junit.xml
result $? "clean: zhun-junit.xml is well-formed XML without failures"
[ ! -s "$tmp/last-stdout" ]
result $? "clean: no annotations"

# a finding: an unknown key in the system
sed -i 's/^  title: /  titel: x\n  title: /' system.yaml
run_all 1 0 "with a finding"
sarif_ok 1 && grep -q '"ruleId": *"key-unknown"' zhun.sarif
result $? "with a finding: the SARIF result names rule key-unknown"
xmllint --noout zhun-junit.xml && grep -q '<failure' zhun-junit.xml
result $? "with a finding: the JUnit report is well-formed and has a failure"
grep -q '^::error file=system.yaml,line=[0-9]*,col=[0-9]*,title=key-unknown::' "$tmp/last-stdout"
result $? "with a finding: an ::error annotation at system.yaml"
git checkout -q system.yaml 2>/dev/null || sed -i '/^  titel: x$/d' system.yaml

# pre-commit: the files parse, the hooks are there, their `files` patterns pick the standards
# files, and their entries pass on the clean repository
if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$src/.pre-commit-hooks.yaml" .pre-commit-config.yaml .github/workflows/zhun.yml .gitlab-ci.yml <<'EOF'
import re, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
local = yaml.safe_load(open(sys.argv[2]))['repos'][0]['hooks']
for y in sys.argv[3:]:
    yaml.safe_load(open(y))
for hs in (hooks, local):
    ids = {h['id']: h for h in hs}
    assert set(ids) == {'zhun-validate', 'zhun-check'}, ids
    v = re.compile(ids['zhun-validate']['files'])
    for f in ('system.yaml', 'system.xml', 'standards/101-001.yaml', 'registry/national.yaml'):
        assert v.search(f), f
    for f in ('.gitlab-ci.yml', '.pre-commit-config.yaml', 'zhun.yaml', '.github/workflows/zhun.yml'):
        assert not v.search(f), f
    assert ids['zhun-check']['pass_filenames'] is False
EOF
	result $? "pre-commit hooks (repository and zhun init's) and the CI files parse as YAML; hooks pick the standards files"
else
	result 0 "pre-commit and CI files parse as YAML # SKIP python3 has no yaml module"
fi
files=$(git ls-files 2>/dev/null | grep -E '^(system\.(ya?ml|xml)|(standards|registry)/.*\.(ya?ml|xml))$')
[ -n "$files" ] && zhun validate $files && zhun check
result $? "the hooks' commands pass: zhun validate $(echo $files); zhun check"

# The install step as written, on a scratch clone of this source tree: the GitHub step's shell
# with ZHUN_GIT pointed at the clone, `sudo` dropped, the packages checked instead of installed
# and `meson install` into a DESTDIR; then the zhun it installed runs the check steps. The
# GitLab job must run the same commands. The build takes minutes (a release build of zhun), so
# it runs only with ZHUN_CI_EXAMPLE_BUILD=1; without it the step's other checks still run.
steps=$tmp/steps
python3 - .github/workflows/zhun.yml .gitlab-ci.yml "$steps" <<'PY'
import re, sys, yaml
gh = yaml.safe_load(open(sys.argv[1]))
gl = yaml.safe_load(open(sys.argv[2]))
step = [s for s in gh['jobs']['check']['steps'] if s.get('name') == 'install zhun'][0]
assert gl['zhun']['variables']['ZHUN_GIT'] == step['env']['ZHUN_GIT'], 'ZHUN_GIT differs'
gh_lines = [l for l in step['run'].splitlines() if l.strip()]
def norm(l):
    l = re.sub(r'\bsudo ', '', l).replace('"$RUNNER_TEMP/zhun', '"/tmp/zhun')
    return l.replace('::error::', '').replace('"', '')
a, b = [norm(l) for l in gh_lines], [norm(l) for l in gl['zhun']['before_script']]
assert a == b, 'the GitHub step and the GitLab job differ:\n%s\n%s' % (a, b)
open(sys.argv[3], 'w').write('\n'.join(gh_lines) + '\n')
PY
result $? "the GitHub install step and the GitLab before_script run the same commands with one ZHUN_GIT"
git_default=$(sed -n 's/^ *ZHUN_GIT: //p' .github/workflows/zhun.yml)
echo "# ZHUN_GIT as zhun init writes it: $git_default"
# left at the placeholder (a zhun built without -Dhomepage), the step stops at once and says why
out=$(ZHUN_GIT=https://github.com/OWNER/zhun bash -e "$steps" 2>&1)
[ $? = 1 ] && echo "$out" | grep -q 'ZHUN_GIT 设为 zhun 源代码的 git 地址'
result $? "with ZHUN_GIT left at the placeholder the step fails first, saying which value to set"
pkgs=$(sed -n 's/.*apt-get install -y -qq --no-install-recommends //p' "$steps")
bad=""
for p in $pkgs; do
	# test-only packages (tools/setup installs them for the suite) have no place on a runner
	case $p in libcriterion-dev | valgrind | clang | python3-* | libxml2-utils | chromium | \
		libreoffice* | poppler-utils | zsh | fish | nodejs | npm) bad="$bad $p" ;; esac
	apt-cache show "$p" >/dev/null 2>&1 || bad="$bad $p(unknown)"
done
[ -n "$pkgs" ] && [ -z "$bad" ]
result $? "the install step installs only what building and running zhun needs:$pkgs${bad:+ — not:$bad}"
if [ "${ZHUN_CI_EXAMPLE_BUILD:-0}" != 1 ]; then
	result 0 "the install step builds and installs zhun # SKIP slow: ZHUN_CI_EXAMPLE_BUILD=1 runs it"
else
	clone=$tmp/zhun-src
	mkdir -p "$clone" "$tmp/runner"
	(cd "$src" && git ls-files -z -co --exclude-standard) | python3 -c '
import os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
for f in sys.stdin.buffer.read().decode().split("\0"):
    p = os.path.join(src, f)
    if f and os.path.isfile(p) and not os.path.islink(p):
        os.makedirs(os.path.dirname(os.path.join(dst, f)), exist_ok=True)
        shutil.copy2(p, os.path.join(dst, f))
' "$src" "$clone"
	(cd "$clone" && git init -q . && git add -A &&
		git -c user.name=ci -c user.email=ci@example.org commit -qm scratch)
	grep -v 'apt-get' "$steps" | sed 's/\bsudo //' >"$tmp/steps.sh"
	(ZHUN_GIT=file://$clone RUNNER_TEMP=$tmp/runner DESTDIR=$tmp/dest bash -e "$tmp/steps.sh") \
		>"$tmp/build.log" 2>&1
	st=$?
	installed=$(find "$tmp/dest" -path '*/bin/zhun' -type f 2>/dev/null | head -1)
	[ "$st" = 0 ] && [ -x "$installed" ] &&
		! grep -q "criterion" "$tmp/runner/zhun/build/meson-logs/meson-log.txt"
	result $? "the install step as written builds and installs zhun from a clone, without Criterion (status $st)"
	[ "$st" = 0 ] || tail -15 "$tmp/build.log" | sed 's/^/# /'
	if [ -x "$installed" ]; then
		mkdir -p "$tmp/ibin"
		ln -sf "$installed" "$tmp/ibin/zhun"
		PATH="$tmp/ibin:$PATH" run_all 0 0 "the installed zhun"
	fi
fi

echo "1..$n"
exit $fail
