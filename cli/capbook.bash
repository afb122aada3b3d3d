# capbook.bash — bash completion for capbook: its commands, each command's
# options (as `capbook COMMAND --help` lists them, with the values an option
# names, e.g. text|csv), framework ids, and unit and reference codes (as
# `capbook frameworks [PATH] ID --codes` lists them, for the frameworks the
# workbook names). Installed as share/bash-completion/completions/capbook.

# The capbook being completed: as typed (./capbook, ~/bin/capbook), else the one on PATH.
_capbook_prog() {
	local p=${COMP_WORDS[0]}
	# shellcheck disable=SC2088 # the word as typed holds a literal ~
	case $p in
	"~/"*) p=$HOME/${p#"~/"} ;;
	esac
	printf '%s\n' "$p"
}

# The commands, from capbook --help ("  capbook NAME ...").
_capbook_commands() {
	"$1" --help 2>/dev/null | sed -n 's/^  capbook \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p'
}

# A command's options, from capbook COMMAND --help ("  --name VALUE  help").
_capbook_options() {
	"$1" "$2" --help 2>/dev/null | sed -n 's/^  \(--\{0,1\}[a-z][a-z-]*\).*/\1/p'
}

# What an option takes, as capbook COMMAND --help names it ("text|csv", "TEXT");
# nothing for a flag.
_capbook_option_value() {
	"$1" "$2" --help 2>/dev/null | sed -n "s/^  $3 \([^ ][^ ]*\).*/\1/p"
}

# The framework ids capbook finds, from capbook frameworks.
_capbook_framework_ids() {
	"$1" frameworks 2>/dev/null | sed -n 's/^\([a-z0-9][^ ]*\)  *[a-z].*/\1/p' | grep -v '^id$'
}

# The codes of the workbook's capabilities or standards framework (KIND), read
# from its workbook.ini; the shipped ones when it names none.
_capbook_codes() {
	local prog=$1 path=$2 kind=$3 id=
	if [ -d "$path" ] && [ -f "$path/workbook.ini" ]; then
		id=$(sed -n '/^\[frameworks\]/,/^\[/s/^[[:space:]]*'"$kind"'[[:space:]]*=[[:space:]]*\([^[:space:];#]*\).*/\1/p' \
			"$path/workbook.ini" 2>/dev/null | head -n 1)
	fi
	if [ -z "$id" ]; then
		case $kind in
		capabilities) id=sil ;;
		*) id=lmcs2008 ;;
		esac
	fi
	if [ -d "$path" ]; then
		"$prog" frameworks "$path" "$id" --codes 2>/dev/null
	else
		"$prog" frameworks "$id" --codes 2>/dev/null
	fi
}

# Completes the last item of a list (A1.1;A2 or A1,A2) from the words given.
_capbook_list_item() {
	local cur=$1 words=$2 prefix="" last lead
	case $cur in
	*[,\;]*)
		last=${cur##*[,;]}
		lead=${last%%[! ]*}
		prefix=${cur%"$last"}$lead
		cur=${last#"$lead"}
		;;
	esac
	local IFS=$'\n'
	# shellcheck disable=SC2207 # one code a line, no spaces in a code
	COMPREPLY=($(compgen -P "$prefix" -W "$words" -- "$cur"))
}

_capbook() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=""
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog cmd="" path="" npos=0 i w skip=""
	prog=$(_capbook_prog)
	COMPREPLY=()
	# the command, its PATH and how many positional words come before this one
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [ -n "$skip" ]; then
			skip=
			continue
		fi
		case $w in
		-c | --config | -o) skip=1 ;;
		--*=* | -r | --read-only | --ascii | --no-color | --codes | --kinds) ;;
		-*) [ -n "$cmd" ] && skip=1 ;;
		*)
			if [ -z "$cmd" ]; then
				cmd=$w
			else
				npos=$((npos + 1))
				[ "$npos" = 1 ] && path=$w
			fi
			;;
		esac
	done
	case $prev in
	-c | --config | -o | --output)
		compopt -o filenames 2>/dev/null
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0
		;;
	--elements)
		_capbook_list_item "$cur" "$(_capbook_codes "$prog" "$path" standards)"
		return 0
		;;
	--units)
		_capbook_list_item "$cur" "$(_capbook_codes "$prog" "$path" standards | grep -v '\.')"
		return 0
		;;
	--indicators)
		_capbook_list_item "$cur" "$(_capbook_codes "$prog" "$path" capabilities)"
		return 0
		;;
	--kind)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$("$prog" standards --kinds 2>/dev/null | sed 's/ .*//')" -- "$cur"))
		return 0
		;;
	--*)
		local value=
		[ -n "$cmd" ] && value=$(_capbook_option_value "$prog" "$cmd" "$prev")
		case $value in
		*"|"*)
			# shellcheck disable=SC2207
			COMPREPLY=($(compgen -W "${value//|/ }" -- "$cur"))
			return 0
			;;
		?*) return 0 ;; # free text, a date, an id
		esac
		;;
	esac
	if [ -z "$cmd" ]; then
		case $cur in
		-*)
			# shellcheck disable=SC2207
			COMPREPLY=($(compgen -W "-c -r --ascii --no-color --help --version" -- "$cur"))
			;;
		*)
			compopt -o filenames 2>/dev/null
			# shellcheck disable=SC2207
			COMPREPLY=($(compgen -W "$(_capbook_commands "$prog")" -- "$cur") $(compgen -f -- "$cur"))
			;;
		esac
		return 0
	fi
	case $cur in
	-*)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(_capbook_options "$prog" "$cmd")" -- "$cur"))
		return 0
		;;
	esac
	case $cmd:$npos in
	*:0)
		compopt -o filenames 2>/dev/null
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -f -- "$cur"))
		# shellcheck disable=SC2207
		[ "$cmd" = frameworks ] &&
			COMPREPLY+=($(compgen -W "$(_capbook_framework_ids "$prog")" -- "$cur"))
		;;
	frameworks:1)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(_capbook_framework_ids "$prog")" -- "$cur"))
		;;
	grid:1 | unit:1)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(_capbook_codes "$prog" "$path" standards | grep -v '\.')" -- "$cur"))
		;;
	link:[2-9])
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -W "$(_capbook_codes "$prog" "$path" standards; _capbook_codes "$prog" "$path" capabilities)" -- "$cur"))
		;;
	esac
	return 0
}

complete -F _capbook capbook
