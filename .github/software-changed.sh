#!/bin/sh
# Does a change touch the software, or only a council's files?
#
#   git diff --name-only --no-renames "$BASE_SHA" HEAD | sh .github/software-changed.sh
#
# reads the changed paths, one a line, and prints "software=true" if any is not one of
# the council's files (content/, its images and postcode file among them; pelicanconf.py;
# publishconf.py; .github/CODEOWNERS), else "software=false": the line the pull-request
# checks write to $GITHUB_OUTPUT, so the software's tests run only when the software
# changes (the content checks, make check, run on every pull request). A path Git
# quotes (a line break or other unusual character in it) starts with a quote mark,
# so it counts as the software's: a doubt runs the tests.
software=false
while IFS= read -r path || [ -n "$path" ]; do
  case "$path" in
    "") ;;
    content/* | pelicanconf.py | publishconf.py | .github/CODEOWNERS) ;;
    *) software=true ;;
  esac
done
echo "software=$software"
