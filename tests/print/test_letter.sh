#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `motcua letter` end to end on a real database: forms filled from a dossier
# and the configuration, read back with pdftotext; the default output folder;
# --print through a configured printer command (a script that records its
# arguments: the PDF path must arrive as one argument, never through a shell);
# bad input gives one sentence and a non-zero status.
#
# usage: test_letter.sh PATH/TO/motcua
set -u
M=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/cfg LANGUAGE=en
fails=0
ok() { echo "ok - $*"; }
bad() { echo "FAIL - $*"; fails=$((fails + 1)); }
sq() { pdftotext -enc UTF-8 "$1" - | tr -d ' \n\t\f'; }
has() { local t; t=$(sq "$1"); shift; for n in "$@"; do [[ "$t" == *"${n//[[:space:]]/}"* ]] || { bad "text \"$n\" missing"; return 1; }; done; ok "${#@} texts present"; }

cat >"$tmp/printer.sh" <<'SH'
#!/bin/sh
# records each argument on its own line
for a in "$@"; do printf '%s\n' "$a"; done >"$PRINT_LOG"
SH
chmod +x "$tmp/printer.sh"
export PRINT_LOG=$tmp/printed.txt
cat >"$tmp/motcua.ini" <<INI
[agency]
name = Sở Tài nguyên và Môi trường tỉnh Lạng Sơn
superior = UBND tỉnh Lạng Sơn
short_name = STNMT
place = Lạng Sơn
[signer]
deputy_name = Hoàng Văn Thụ
[print]
command = $tmp/printer.sh --copies 1
INI
db="--db $tmp/t.db --config $tmp/motcua.ini"
$M $db init >/dev/null || { echo "FAIL - init"; exit 1; }
proc=$($M $db --json catalog list | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["procedures"][0]["code"])')
code=$($M $db --now "2026-01-05 08:37" --json intake --procedure "$proc" --name "Lường Thị Ngọc Ánh" \
	--address "Thôn Nà Pàn, xã Hữu Lũng, tỉnh Lạng Sơn" --phone 0912345678 |
	/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
[ -n "$code" ] || { echo "FAIL - intake"; exit 1; }
$M $db --now "2026-01-05 10:00" transfer "$code" --to PNV >/dev/null || bad "transfer"
$M $db --now "2026-01-06 09:00" transfer "$code" --to LD >/dev/null || bad "transfer 2"

# receipt: dossier and configuration fields
if $M $db --now "2026-01-05 09:00" letter receipt "$code" -o "$tmp/r.pdf" >/dev/null; then
	has "$tmp/r.pdf" "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH LẠNG SƠN" "$code" "Lường Thị Ngọc Ánh" \
		"Thôn Nà Pàn, xã Hữu Lũng, tỉnh Lạng Sơn" "08 giờ 37 phút, ngày 05 tháng 01 năm 2026" \
		"Lạng Sơn, ngày 05 tháng 01 năm 2026" "Liên 1: Lưu" "Liên 2: Giao người nộp hồ sơ"
else bad "letter receipt"; fi

# control slip: one row per hand-over
if $M $db --now "2026-01-07 09:00" letter control "$code" -o "$tmp/c.pdf" >/dev/null; then
	n=$(pdftotext "$tmp/c.pdf" - | grep -c "Giao:")
	[ "$n" = 2 ] && ok "control slip: 2 hand-over rows" || bad "control slip: $n rows, want 2"
	has "$tmp/c.pdf" "Phòng Nghiệp vụ" "Lãnh đạo Sở" "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
else bad "letter control"; fi

# apology: refused before it is recorded, then printed with the number and the signer
if $M $db letter apology "$code" -o "$tmp/a.pdf" 2>"$tmp/err"; then bad "apology without a recorded apology"
else grep -q "apologize" "$tmp/err" && ok "apology refused before it is recorded: $(cat "$tmp/err")" || bad "message: $(cat "$tmp/err")"; fi
$M $db --now "2026-01-20 09:00" apologize "$code" --reason "Chờ ý kiến của Sở Xây dựng." --new-due "2026-02-27 16:00" >/dev/null || bad "apologize"
# The number is assigned when the apology is recorded (first of the year: 01);
# a different --number cannot overwrite it.
if $M $db --now "2026-01-21 09:00" letter apology "$code" --number 7 -o "$tmp/a7.pdf" 2>"$tmp/err"; then
	bad "letter apology accepted another number than the one assigned"
else ok "a second number is refused: $(cat "$tmp/err")"; fi
if $M $db --now "2026-01-21 09:00" letter apology "$code" -o "$tmp/a.pdf" >/dev/null; then
	has "$tmp/a.pdf" "Số: 01/XL-STNMT" "Lạng Sơn, ngày 20 tháng 01 năm 2026" "UBND TỈNH LẠNG SƠN" \
		"Kính gửi: Lường Thị Ngọc Ánh." "vì lý do: Chờ ý kiến của Sở Xây dựng." \
		"16 giờ 00 phút, ngày 27 tháng 02 năm 2026" "KT. GIÁM ĐỐC" "PHÓ GIÁM ĐỐC" "Hoàng Văn Thụ" "- Lưu: VT, LD."
else bad "letter apology"; fi

# default folder and --print through the configured command
out=$($M $db --now "2026-01-21 09:00" letter receipt "$code" --print)
f="$XDG_DATA_HOME/motcua/letters/receipt-$code.pdf"
[ -s "$f" ] && ok "default output folder: $f" || bad "no file in the default folder ($out)"
if [ -f "$PRINT_LOG" ] && [ "$(sed -n 1p "$PRINT_LOG")" = "--copies" ] && [ "$(sed -n 3p "$PRINT_LOG")" = "$f" ] &&
	[ "$(wc -l <"$PRINT_LOG")" = 3 ]; then ok "printer command got the PDF as its last argument"
else bad "printer command arguments: $(cat "$PRINT_LOG" 2>/dev/null)"; fi

# register of a period on A4 landscape
if $M $db --now "2026-02-01 09:00" letter register --period 2026-01 -o "$tmp/g.pdf" >/dev/null; then
	has "$tmp/g.pdf" "SỔ THEO DÕI HỒ SƠ" "Từ ngày 01/01/2026 đến ngày 31/01/2026" "Lường Thị Ngọc Ánh"
	pdfinfo "$tmp/g.pdf" | grep -q "841.89 x 595.276" && ok "register: A4 landscape" || bad "register page size"
else bad "letter register"; fi

# personal data: the letter is written for owner and group only whatever the
# umask (the database's policy), and the access is logged (purpose "letter")
for m in 000 022 077; do
	rm -f "$tmp/p.pdf"
	(umask $m && $M $db --now "2026-01-07 09:30" letter receipt "$code" -o "$tmp/p.pdf" >/dev/null) || bad "letter under umask $m"
	mode=$(stat -c %a "$tmp/p.pdf" 2>/dev/null)
	case "$m:$mode" in
	000:660 | 022:640 | 077:600) ok "umask $m: letter mode $mode" ;;
	*) bad "umask $m: letter mode '$mode' (want no access for others, group as the umask allows)" ;;
	esac
done
left=$(find "$tmp" -maxdepth 1 -name ".p.pdf.*")
[ -z "$left" ] && ok "no temporary file left" || bad "a temporary file was left: $left"
n=$($M $db --json audit access "$code" | /usr/bin/python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin)["access"] if r["purpose"] == "letter"))')
[ "$n" -ge 6 ] && ok "letters logged in the access log ($n)" || bad "letters logged: $n, want >= 6"
before=$($M $db --json audit access "$code" | md5sum)
$M $db letter receipt NO-SUCH-CODE -o "$tmp/x.pdf" 2>/dev/null
[ "$($M $db --json audit access "$code" | md5sum)" = "$before" ] && ok "a refused letter logs nothing" || bad "a refused letter changed the access log"

# bad input: one sentence, non-zero status, no file
$M $db letter bogus "$code" -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
[ $rc -ne 0 ] && [ ! -e "$tmp/x.pdf" ] && grep -q "bogus" "$tmp/err" && ok "unknown kind: $(cat "$tmp/err")" || bad "unknown kind rc=$rc"
$M $db letter receipt NO-SUCH-CODE -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
[ $rc -ne 0 ] && [ ! -e "$tmp/x.pdf" ] && grep -q "NO-SUCH-CODE" "$tmp/err" && ok "unknown dossier: $(cat "$tmp/err")" || bad "unknown dossier rc=$rc"
$M $db letter stop "$code" -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
[ $rc -ne 0 ] && [ ! -e "$tmp/x.pdf" ] && ok "stop letter of a running dossier refused: $(cat "$tmp/err")" || bad "stop rc=$rc"
$M $db letter apology "$code" --number abc 2>"$tmp/err"; rc=$?
[ $rc -ne 0 ] && grep -q "abc" "$tmp/err" && ok "bad --number: $(cat "$tmp/err")" || bad "bad number rc=$rc"

# copies of the documents (catalogue brackets, data/catalogue.md), procedure 2.000488:
# the receipt's "Hình thức" column and the counts of form 02, read from the word
# positions of the PDF: "STT|first line of the name|originals|certified|copies".
cat >"$tmp/rows.py" <<'PY'
import re, subprocess, sys
html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", sys.argv[1], "-"],
                      capture_output=True, text=True, check=True).stdout
words = [(float(a), float(b), w) for a, b, w in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)]
head = {}
for x, y, w in words:  # column centres of the header of form 02
    if w in ("chính", "thực", "chụp") and x > 200 and w not in head:
        head[w] = x
lines = {}
for x, y, w in words:
    lines.setdefault(round(y), []).append((x, w))
for y in sorted(lines):
    ws = sorted(lines[y])
    if not ws or ws[0][0] > 80 or not ws[0][1].isdigit():
        continue
    if len(head) == 3:  # form 02: the counts' columns start left of their headers
        edge = min(head.values()) - 20
    else:  # form 01: "Hình thức" starts with the first number right of the middle
        edge = min([x for x, w in ws[1:] if x > 200 and w.isdigit()] or [1e9])
    name = " ".join(w for x, w in ws[1:] if x < edge)
    rest = [(x, w) for x, w in ws[1:] if x >= edge]
    if len(head) == 3:  # form 02: each number goes to the nearest column
        cols = {"chính": "-", "thực": "-", "chụp": "-"}
        for x, w in rest:
            cols[min(head, key=lambda k: abs(head[k] - x))] = w
        print("|".join([ws[0][1], name, cols["chính"], cols["thực"], cols["chụp"]]))
    else:
        print("|".join([ws[0][1], name, " ".join(w for x, w in rest)]))
PY
rcode=$($M $db --now "2026-01-08 08:00" --json intake --procedure 2.000488 --name "Đinh Văn Hùng" |
	/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
if $M $db --now "2026-01-08 08:05" letter receipt "$rcode" -o "$tmp/cr.pdf" >/dev/null; then
	/usr/bin/python3 "$tmp/rows.py" "$tmp/cr.pdf" >"$tmp/cr.txt"
	grep -qx "1|Tờ khai yêu cầu cấp Phiếu lý lịch[^|]*|1 bản chính" "$tmp/cr.txt" &&
		grep -qx "2|Bản chụp Căn cước hoặc Hộ chiếu[^|]*|1 bản chụp" "$tmp/cr.txt" &&
		grep -qx "3|Văn bản ủy quyền[^|]*|1 bản chính" "$tmp/cr.txt" && [ "$(wc -l <"$tmp/cr.txt")" = 3 ] &&
		ok "receipt: Hình thức $(tr '\n' ';' <"$tmp/cr.txt")" || bad "receipt Hình thức: $(cat "$tmp/cr.txt")"
	pdftotext "$tmp/cr.pdf" - | grep -q '\[' && bad "receipt shows a bracket of copies" || ok "receipt: no bracket shown"
else bad "letter receipt of 2.000488"; fi
$M $db --now "2026-01-08 08:10" supplement "$rcode" --reason "Bản chụp Căn cước hoặc Hộ chiếu của người được cấp Phiếu; tờ khai yêu cầu cấp phiếu lý lịch tư pháp; Giấy khai sinh [2 ban sao, 1 bản chính]; Chữ ký không rõ" >/dev/null || bad "supplement"
if $M $db --now "2026-01-08 08:15" letter supplement "$rcode" -o "$tmp/cs.pdf" >/dev/null; then
	/usr/bin/python3 "$tmp/rows.py" "$tmp/cs.pdf" >"$tmp/cs.txt"
	want="1|Bản chụp Căn cước hoặc Hộ chiếu[^|]*|-|-|1
2|tờ khai yêu cầu cấp phiếu lý lịch[^|]*|1|-|-
3|Giấy khai sinh|1|2|-
4|Chữ ký không rõ|-|-|-"
	[ "$(wc -l <"$tmp/cs.txt")" = 4 ] && grep -xf <(echo "$want") "$tmp/cs.txt" | wc -l | grep -qx 4 && ok "form 02: counts of the missing items $(tr '\n' ';' <"$tmp/cs.txt")" ||
		bad "form 02 counts: got $(tr '\n' ';' <"$tmp/cs.txt") want $(echo "$want" | tr '\n' ';')"
else bad "letter supplement of 2.000488"; fi

# a malformed bracket in a catalogue: refused naming the line, the code and the text; nothing imported
printf '%s\n' "code,name,field,level,limit,limit_unit,documents" \
	"1.099901,Thủ tục mới,Hộ tịch,commune,3,days,Tờ khai [1 bản chính]" \
	"1.099902,Thủ tục khác,Hộ tịch,commune,3,days,Tờ khai|Giấy khai sinh [0 bản sao]" >"$tmp/badcat.csv"
before=$($M $db --json catalog list | md5sum)
if $M $db catalog import "$tmp/badcat.csv" >/dev/null 2>"$tmp/err"; then bad "a malformed bracket was imported"
else
	grep -q "line 3" "$tmp/err" && grep -q "1.099902" "$tmp/err" && grep -q "Giấy khai sinh \[0 bản sao\]" "$tmp/err" &&
		[ "$(wc -l <"$tmp/err")" = 1 ] && ok "bad bracket refused: $(cat "$tmp/err")" || bad "bad bracket message: $(cat "$tmp/err")"
fi
[ "$($M $db --json catalog list | md5sum)" = "$before" ] && ! $M $db --json catalog list | grep -q 1.099901 &&
	ok "bad bracket: nothing imported" || bad "bad bracket: the catalogue changed"

echo "$fails failure(s)"
[ $fails -eq 0 ]
