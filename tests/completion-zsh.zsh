# SPDX-License-Identifier: MIT
# Drive zsh's completion of zhun in a pseudo-terminal: for each line given, type it, press Tab,
# then turn the edited line into `print RESULT:<line>` and run it, so the completed line comes
# back without guessing at timing. Usage: zsh -f completion-zsh.zsh FPATH_DIR CWD DUMP LINE...
zmodload zsh/zpty
fdir=$1 cwd=$2 dump=$3
shift 3
zpty z "zsh -f -i"
zpty -w z "PS1='> '; fpath=($fdir \$fpath); autoload -Uz compinit; compinit -u -d $dump; cd $cwd; setopt nobeep; print RE''ADY"
zpty -r z junk '*READY*'
for line in "$@"; do
	# the quotes keep the marker out of the echoed input
	zpty -w -n z "$line"$'\t\C-aprint -r -- R""ESULT:\n'
	out=
	zpty -r z out '*RESULT:*'$'\n'
	out=${out##*RESULT:}
	out=${out%%$'\r'*}
	print -r -- "${out%%$'\n'*}"
done
zpty -d z
