#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders every form template (assets/templates) to a real PDF with sample
# data and reads it back with poppler: pdftotext (every required field present,
# Vietnamese intact), pdfinfo (page size, page count), pdffonts (all fonts
# embedded). Also: long names/addresses/lists flow to further pages with table
# headers repeated, decomposed input renders exactly like composed input, and
# unknown or missing fields are errors naming the field and the line.
#
# usage: test_print.sh PATH/TO/print_sample SOURCE_ROOT
set -u
sample=$1
root=$2
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
fails=0
ok() { echo "ok - $*"; }
bad() { echo "FAIL - $*"; fails=$((fails + 1)); }

for tool in pdftotext pdfinfo pdffonts pdftoppm; do
	command -v $tool >/dev/null || { echo "FAIL - $tool (poppler-utils) is not installed"; exit 1; }
done

# Text of a PDF with all white space removed (wrapping and justification
# change spaces and line breaks, never the letters).
squeezed() { pdftotext -enc UTF-8 "$@" - | tr -d ' \n\t\f'; }

# has PDF NEEDLE...: every needle (spaces ignored) is in the PDF text
has() {
	local pdf=$1; shift
	local text; text=$(squeezed "$pdf")
	local n
	for n in "$@"; do
		local k=${n//[[:space:]]/}
		if [[ "$text" != *"$k"* ]]; then
			bad "$(basename "$pdf"): text \"$n\" not found"
			return 1
		fi
	done
	ok "$(basename "$pdf"): ${#@} required texts present"
}

# size PDF W H: every page is W x H pt (rounded)
size() {
	local got
	got=$(pdfinfo -f 1 -l 999 "$1" | awk '/^Page +[0-9]+ size:/ {printf "%d x %d\n", $4 + 0.5, $6 + 0.5}' | sort -u)
	if [ "$got" = "$2 x $3" ]; then ok "$(basename "$1"): every page $2 x $3 pt"; else bad "$(basename "$1"): page size '$got', want '$2 x $3'"; fi
}

pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

# fonts PDF: at least one font, all embedded, all Liberation Serif
fonts() {
	local lines
	lines=$(pdffonts "$1" | tail -n +3)
	if [ -z "$lines" ]; then bad "$(basename "$1"): no fonts"; return; fi
	if echo "$lines" | awk '{ if ($(NF-4) != "yes") exit 1 }'; then ok "$(basename "$1"): all fonts embedded"; else bad "$(basename "$1"): a font is not embedded"; fi
	if echo "$lines" | grep -qv 'LiberationSerif'; then bad "$(basename "$1"): a font other than Liberation Serif"; else ok "$(basename "$1"): Liberation Serif only"; fi
}

render() { # kind out [args]
	local kind=$1 out=$2; shift 2
	if ! "$sample" "$kind" "$out" "$@" >"$tmp/pages.txt" 2>"$tmp/err.txt"; then
		bad "render $kind $*: $(cat "$tmp/err.txt")"
		return 1
	fi
	# Nothing but the PDF beside it: no temporary file (motcua/outfile.h).
	left=$(find "$(dirname "$out")" -maxdepth 1 -name ".$(basename "$out").*")
	[ -n "$left" ] && bad "render $kind left $left behind"
	return 0
}

A4W=595; A4H=842; A5W=420; A5H=595
common=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc")

# --- form 01: receipt, A5, two copies ------------------------------------------
f=$tmp/receipt.pdf
if render receipt "$f"; then
	size "$f" $A5W $A5H
	fonts "$f"
	[ "$(pages "$f")" = 2 ] && ok "receipt: two pages (two copies)" || bad "receipt: $(pages "$f") pages, want 2"
	has "$f" "${common[@]}" "SỞ TƯ PHÁP TỈNH ĐỒNG NAI" "BỘ PHẬN MỘT CỬA" \
		"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "000.00.31.H29-251120-0007" \
		"Nguyễn Thị Hương Giang" "Tổ 5, ấp Bình Ý, xã Tân Bình, tỉnh Đồng Nai" "0912 345 678" \
		"huong.giang@example.vn" "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam" \
		"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" "Số lượng hồ sơ: 01 bộ" "10 ngày làm việc" \
		"08 giờ 37 phút, ngày 20 tháng 11 năm 2025" "08 giờ 37 phút, ngày 04 tháng 12 năm 2025" \
		"Bộ phận Một cửa Sở Tư pháp" "quyển số: 01, số thứ tự: 1234" "NGƯỜI NỘP HỒ SƠ" \
		"NGƯỜI TIẾP NHẬN HỒ SƠ" "Lê Thị Mai" "Đồng Nai, ngày 20 tháng 11 năm 2025"
	p1=$(squeezed -f 1 -l 1 "$f"); p2=$(squeezed -f 2 -l 2 "$f")
	[[ "$p1" == *"Liên1:Lưu"* && "$p1" != *"Liên2"* ]] && ok "receipt: page 1 is 'Liên 1: Lưu'" || bad "receipt: page 1 copy label"
	[[ "$p2" == *"Liên2:Giaongườinộphồsơ"* ]] && ok "receipt: page 2 is 'Liên 2: Giao người nộp hồ sơ'" || bad "receipt: page 2 copy label"
fi

# --- form 02: supplement, A5 ------------------------------------------------------
f=$tmp/supplement.pdf
if render supplement "$f"; then
	size "$f" $A5W $A5H
	fonts "$f"
	has "$f" "${common[@]}" "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" "Nguyễn Thị Hương Giang" \
		"Bản chính" "Bản sao chứng thực" "Bản chụp" "Văn bản ủy quyền có chứng thực" \
		"Lý do: Hồ sơ cần xác minh thêm" "NGƯỜI HƯỚNG DẪN" "Lê Thị Mai" "0251 3822 123"
fi

# --- form 03: refusal, A5 -----------------------------------------------------------
f=$tmp/refusal.pdf
if render refusal "$f"; then
	size "$f" $A5W $A5H
	fonts "$f"
	has "$f" "${common[@]}" "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" "Nguyễn Thị Hương Giang" \
		"không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau" \
		"chưa nhận được văn bản trả lời" "NGƯỜI TIẾP NHẬN HỒ SƠ"
fi

# --- form 04: apology, A4, Decree 30 ------------------------------------------------
f=$tmp/apology.pdf
if render apology "$f"; then
	size "$f" $A4W $A4H
	fonts "$f"
	[ "$(pages "$f")" = 1 ] && ok "apology: one page" || bad "apology: $(pages "$f") pages"
	has "$f" "${common[@]}" "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI" "SỞ TƯ PHÁP TỈNH ĐỒNG NAI" \
		"Số: 05/XL-STP" "Đồng Nai, ngày 05 tháng 01 năm 2026" "VĂN BẢN XIN LỖI" \
		"VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" "Kính gửi: Nguyễn Thị Hương Giang." \
		"Ngày 20 tháng 11 năm 2025" "000.00.31.H29-251120-0007" \
		"08 giờ 37 phút, ngày 04 tháng 12 năm 2025" "vì lý do: Hồ sơ cần xác minh thêm" \
		"16 giờ 00 phút, ngày 09 tháng 01 năm 2026" "xin lỗi Ông/Bà/Tổ chức" \
		"Nơi nhận:" "- Như trên;" "- Lưu: VT, HCTP." "KT. GIÁM ĐỐC" "PHÓ GIÁM ĐỐC" "Trần Văn Bình"
	pdfinfo "$f" | grep -q "^Title: *VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN" && ok "apology: PDF title" || bad "apology: PDF title"
	# Decree 30 font sizes: read the layout back with pdftotext -bbox (heights in pt)
	pdftotext -bbox "$f" "$tmp/bbox.html"
	h=$($py - "$tmp/bbox.html" <<'EOF'
import re, sys
words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', open(sys.argv[1], encoding='utf-8').read())
def height(w):
    for y0, y1, t in words:
        if t == w:
            return float(y1) - float(y0)
    return 0
# Liberation Serif line boxes are ~1.15 em: 13 pt body -> ~15 pt, 12 pt -> ~13.8 pt
print("%.1f %.1f" % (height("Mong"), height("CỘNG")))
EOF
)
	body=${h% *}; nat=${h#* }
	$py -c "import sys; b,n=map(float,sys.argv[1:]); sys.exit(0 if 14.0<=b<=15.8 and 12.8<=n<=14.6 else 1)" $body $nat \
		&& ok "apology: body 13 pt and national name 12 pt (boxes $body / $nat pt)" \
		|| bad "apology: font sizes off (body box $body pt, national $nat pt; 17.3 pt would mean 96 dpi)"
fi

# --- form 05: stop, A4 ----------------------------------------------------------------
f=$tmp/stop.pdf
if render stop "$f"; then
	size "$f" $A4W $A4H
	fonts "$f"
	has "$f" "${common[@]}" "Số: 05/TB-STP" "THÔNG BÁO" "Về việc dừng giải quyết hồ sơ" \
		"Kính gửi: Nguyễn Thị Hương Giang." "Lý do: Hồ sơ cần xác minh thêm" \
		"Căn cứ: Khoản 2 Điều 21 Nghị định số 118/2025/NĐ-CP" "- Lưu: VT, HCTP." "Trần Văn Bình"
fi

# --- form 06: control slip, A4, one row per hand-over --------------------------------
f=$tmp/control.pdf
if render control "$f"; then
	size "$f" $A4W $A4H
	fonts "$f"
	has "$f" "${common[@]}" "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" "TÊN CƠ QUAN" \
		"THỜI GIAN GIAO, NHẬN HỒ SƠ" "1. Giao: Bộ phận Một cửa" "2. Nhận: Phòng Hành chính tư pháp" \
		"Người giao: Lê Thị Mai" "Người nhận: Phạm Quốc Việt" "Trước hạn" "Quá hạn" "Đã có văn bản xin lỗi"
fi
f=$tmp/control-long.pdf
if render control "$f" --rows 30; then
	n=$(pages "$f")
	[ "$n" -ge 2 ] && ok "control: 30 hand-overs flow to $n pages" || bad "control: 30 hand-overs on $n page(s)"
	last=$(squeezed -f "$n" -l "$n" "$f")
	[[ "$last" == *"TÊNCƠQUAN"* ]] && ok "control: header row repeated on page $n" || bad "control: header row not repeated on page $n"
	[[ "$last" == *"$n"* ]] || bad "control: page number $n missing"
	cnt=$(pdftotext "$f" - | grep -c "Giao:")
	[ "$cnt" = 30 ] && ok "control: all 30 rows printed once" || bad "control: $cnt rows printed, want 30"
fi

# --- form 07: register, A4 landscape ----------------------------------------------------
f=$tmp/register.pdf
if render register "$f" --rows 40; then
	size "$f" $A4H $A4W
	fonts "$f"
	n=$(pages "$f")
	[ "$n" -ge 3 ] && ok "register: 40 entries on $n pages" || bad "register: 40 entries on $n page(s)"
	has "$f" "${common[@]}" "SỔ THEO DÕI HỒ SƠ" "Từ ngày 01/11/2025 đến ngày 30/11/2025" \
		"Hẹn trả kết quả" "Trả kết quả cho cá nhân, tổ chức" "Công ty TNHH Thương mại Đồng Xanh" \
		"251103-0001" "251114-0012" "1240"
	okh=1
	for p in $(seq 1 "$n"); do
		[[ "$(squeezed -f $p -l $p "$f")" == *"Mãhồsơ"*"(14)"* ]] || okh=0
	done
	[ $okh = 1 ] && ok "register: header rows on every page" || bad "register: a page lacks the header rows"
fi

# --- long name, address and document list flow to more pages ----------------------------
longname="Công ty Trách nhiệm hữu hạn Một thành viên Thương mại Dịch vụ Xuất nhập khẩu Nông sản và Thủy sản Đồng Nai Phương Nam Chi nhánh Biên Hòa"
longaddr="Số 1234/56/78 đường Nguyễn Ái Quốc, khu phố 5, phường Tân Phong (trước đây là phường Tân Tiến, thành phố Biên Hòa), tỉnh Đồng Nai, Việt Nam — tầng 12, tòa nhà Sonadezi"
f=$tmp/receipt-long.pdf
if render receipt "$f" --rows 40 applicant_name="$longname" applicant_address="$longaddr"; then
	n=$(pages "$f")
	[ "$n" -ge 4 ] && ok "receipt: 40 documents flow to $n pages (two copies)" || bad "receipt: 40 documents on $n pages"
	has "$f" "$longname" "$longaddr"
	cnt=$(pdftotext "$f" - | grep -c "Giấy tờ chứng minh nơi thường trú")
	[ "$cnt" = 20 ] && ok "receipt: every document row printed in both copies" || bad "receipt: $cnt document rows, want 20"
fi
longreason=$(for i in $(seq 1 60); do printf 'Lý do thứ %d: cơ quan phối hợp chưa có văn bản trả lời về việc xác minh nhân thân. ' "$i"; done)
f=$tmp/apology-long.pdf
if render apology "$f" reason="$longreason" applicant_name="$longname"; then
	n=$(pages "$f")
	[ "$n" -ge 2 ] && ok "apology: long reason flows to $n pages" || bad "apology: long reason on $n page"
	last=$(squeezed -f "$n" -l "$n" "$f")
	[[ "$last" == *"TrầnVănBình"* ]] && ok "apology: signature on the last page" || bad "apology: signature not on the last page"
	has "$f" "Lý do thứ 60: cơ quan phối hợp" "$longname"
fi

# --- decomposed input renders like composed -----------------------------------------------
nfd() { $py -c 'import sys, unicodedata; print(unicodedata.normalize("NFD", sys.argv[1]), end="")' "$1"; }
name="Nguyễn Thị Hương Giang"; reason="Hồ sơ cần xác minh thêm ở Ủy ban nhân dân xã Tân Bình; đề nghị bổ sung giấy tờ."
dname=$(nfd "$name"); dreason=$(nfd "$reason")
if [ "$dname" != "$name" ] && render apology "$tmp/c.pdf" applicant_name="$name" reason="$reason" &&
	render apology "$tmp/d.pdf" applicant_name="$dname" reason="$dreason"; then
	pdftoppm -r 50 -png "$tmp/c.pdf" "$tmp/c" && pdftoppm -r 50 -png "$tmp/d.pdf" "$tmp/d"
	if cmp -s "$tmp/c-1.png" "$tmp/d-1.png"; then ok "decomposed input renders pixel-identical to composed"; else bad "decomposed input renders differently"; fi
	has "$tmp/d.pdf" "$name"
fi

# --- control characters never reach the page ------------------------------------------------
if render apology "$tmp/ctl.pdf" applicant_name=$'Nguyễn\x1b[31m Văn\x07 An'; then
	t=$(pdftotext "$tmp/ctl.pdf" -)
	[[ "$t" != *$'\x1b'* && "$t" != *$'\x07'* ]] && ok "control characters removed" || bad "control characters reached the PDF"
fi

# --- template errors name the field and the line ------------------------------------------------
printf '.page A5\n.para\nHọ và tên: {applicant_name}\nĐịa chỉ: {no_such_field}\n' >"$tmp/bad.tpl"
if "$sample" refusal "$tmp/bad.pdf" --template "$tmp/bad.tpl" 2>"$tmp/err.txt"; then
	bad "unknown field accepted"
else
	grep -q "line 4" "$tmp/err.txt" && grep -q "no_such_field" "$tmp/err.txt" && [ ! -e "$tmp/bad.pdf" ] \
		&& ok "unknown field is an error naming field and line: $(cat "$tmp/err.txt")" || bad "unknown field message: $(cat "$tmp/err.txt")"
fi
if "$sample" apology "$tmp/miss.pdf" -signer_name 2>"$tmp/err.txt"; then
	bad "missing field accepted"
else
	grep -q "signer_name" "$tmp/err.txt" && grep -q "apology.tpl, line" "$tmp/err.txt" \
		&& ok "missing field is an error: $(cat "$tmp/err.txt")" || bad "missing field message: $(cat "$tmp/err.txt")"
fi
printf '.page A5\n.tabel cols=1\nx\n' >"$tmp/bad2.tpl"
if "$sample" refusal "$tmp/bad2.pdf" --template "$tmp/bad2.tpl" 2>"$tmp/err.txt"; then
	bad "unknown block accepted"
else
	grep -q "line 2" "$tmp/err.txt" && ok "unknown block: $(cat "$tmp/err.txt")" || bad "unknown block message: $(cat "$tmp/err.txt")"
fi
if "$sample" apology /nonexistent-dir/x.pdf 2>"$tmp/err.txt"; then
	bad "unwritable output accepted"
else
	grep -q "/nonexistent-dir/x.pdf" "$tmp/err.txt" && ok "unwritable output: $(cat "$tmp/err.txt")" || bad "unwritable output message: $(cat "$tmp/err.txt")"
fi

echo "$fails failure(s)"
[ $fails -eq 0 ]
