/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The settings table: every key of motcua.ini with its section, type,
 * default, parser and description, in the order of the example file. The
 * parsers are strict: a value is either understood exactly or refused with a
 * sentence naming it. No iniparser here, so the defaults work without a file.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/settings.h"
#include "motcua/i18n.h"
#include "motcua/mctime.h"
#include "motcua/text.h"
#include "motcua/validate.h"

/* Enum fields are written through an int. */
_Static_assert(sizeof(enum mc_supplement_mode) == sizeof(int), "enum size");
_Static_assert(sizeof(enum mc_judge_by) == sizeof(int), "enum size");
_Static_assert(sizeof(enum mc_theme) == sizeof(int), "enum size");
_Static_assert(sizeof(enum mc_login_mode) == sizeof(int), "enum size");

static void *field(const mc_setting *s, mc_config *c)
{
	return (char *)c + s->offset;
}

static const void *cfield(const mc_setting *s, const mc_config *c)
{
	return (const char *)c + s->offset;
}

/* The value as quoted in a message: ~40 bytes, control bytes as '?'. */
static const char *shown(const char *in, char buf[64])
{
	return mc_quote_value(in, 40, buf);
}

static void join_choices(const char *const *choices, char *buf, size_t n)
{
	size_t w = 0;
	buf[0] = '\0';
	for (const char *const *p = choices; *p && w + 1 < n; p++) {
		int k = snprintf(buf + w, n - w, "%s%s", p == choices ? "" : ", ",
		                 **p ? *p : "\"\"");
		if (k < 0)
			break;
		w += (size_t)k;
	}
}

/* ---- parsers ----------------------------------------------------------- */

static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

/* Checked, NFC copy of text into tmp (s->size bytes). */
static bool text_value(const mc_setting *s, const char *text, char *tmp, bool nfc, char *why,
                       size_t n)
{
	char v[64];
	if (!mc_text_valid_utf8(text)) {
		snprintf(why, n, _("the value is not valid UTF-8; save the file as UTF-8."));
		return false;
	}
	if (has_control(text)) {
		snprintf(why, n, _("\"%s\" contains a control character."), shown(text, v));
		return false;
	}
	char *norm = nfc ? mc_text_nfc(text) : strdup(text);
	if (!norm) {
		snprintf(why, n, _("the value is not valid UTF-8; save the file as UTF-8."));
		return false;
	}
	if (strlen(norm) >= s->size) {
		snprintf(why, n, _("\"%s\" is too long (at most %d bytes)."), shown(text, v),
		         (int)s->size - 1);
		free(norm);
		return false;
	}
	memcpy(tmp, norm, strlen(norm) + 1);
	free(norm);
	return true;
}

static bool parse_str(const mc_setting *s, const char *text, mc_config *c, char *why, size_t n)
{
	char tmp[MC_CFG_PATH];
	if (!text_value(s, text, tmp, true, why, n))
		return false;
	memcpy(field(s, c), tmp, strlen(tmp) + 1);
	return true;
}

static bool parse_path(const mc_setting *s, const char *text, mc_config *c, char *why, size_t n)
{
	char tmp[MC_CFG_PATH];
	/* File names are bytes: no normalisation. */
	if (!text_value(s, text, tmp, false, why, n))
		return false;
	memcpy(field(s, c), tmp, strlen(tmp) + 1);
	return true;
}

static bool parse_choice(const mc_setting *s, const char *text, mc_config *c, char *why,
                         size_t n)
{
	char v[64], list[256];
	for (const char *const *p = s->choices; *p; p++) {
		if (strcmp(*p, text) == 0) {
			memcpy(field(s, c), *p, strlen(*p) + 1);
			return true;
		}
	}
	join_choices(s->choices, list, sizeof list);
	snprintf(why, n, _("\"%s\" is not one of: %s."), shown(text, v), list);
	return false;
}

static bool parse_enum(const mc_setting *s, const char *text, mc_config *c, char *why, size_t n)
{
	char v[64], list[256];
	for (int i = 0; s->choices[i]; i++) {
		if (strcmp(s->choices[i], text) == 0) {
			memcpy(field(s, c), &i, sizeof i);
			return true;
		}
	}
	join_choices(s->choices, list, sizeof list);
	snprintf(why, n, _("\"%s\" is not one of: %s."), shown(text, v), list);
	return false;
}

static bool parse_int(const mc_setting *s, const char *text, mc_config *c, char *why, size_t n)
{
	char v[64];
	const char *p = text;
	if (*p == '-' || *p == '+')
		p++;
	bool ok = *p != '\0';
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			ok = false;
	long val = 0;
	if (ok) {
		errno = 0;
		val = strtol(text, NULL, 10);
		ok = errno == 0 && val >= s->min && val <= s->max;
	}
	if (!ok) {
		snprintf(why, n, _("\"%s\" is not allowed: expected a whole number from %d to %d."),
		         shown(text, v), s->min, s->max);
		return false;
	}
	int iv = (int)val;
	memcpy(field(s, c), &iv, sizeof iv);
	return true;
}

static bool parse_bool(const mc_setting *s, const char *text, mc_config *c, char *why, size_t n)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	char v[64];
	bool val;
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			val = true;
			goto set;
		}
		if (strcasecmp(text, no[i]) == 0) {
			val = false;
			goto set;
		}
	}
	snprintf(why, n, _("\"%s\" is not allowed: expected yes or no."), shown(text, v));
	return false;
set:
	memcpy(field(s, c), &val, sizeof val);
	return true;
}

static bool parse_hhmm(const mc_setting *s, const char *text, mc_config *c, char *why, size_t n)
{
	char v[64];
	int minutes;
	if (mc_hhmm_parse(text, &minutes, NULL) != MC_OK) {
		snprintf(why, n, _("\"%s\" is not a time of day: write HH:MM from 00:00 to 23:59."),
		         shown(text, v));
		return false;
	}
	memcpy(field(s, c), &minutes, sizeof minutes);
	return true;
}

static const char *const day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const day_long[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};

static bool parse_days(const mc_setting *s, const char *text, mc_config *c, char *why, size_t n)
{
	char v[64];
	bool days[7] = {false};
	const char *p = text;
	if (strcasecmp(text, "none") != 0) {
		while (*p) {
			while (*p == ',' || *p == ' ' || *p == '\t')
				p++;
			if (!*p)
				break;
			size_t len = strcspn(p, ", \t");
			int found = -1;
			for (int d = 0; d < 7; d++)
				if ((strlen(day_names[d]) == len && strncasecmp(p, day_names[d], len) == 0) ||
				    (strlen(day_long[d]) == len && strncasecmp(p, day_long[d], len) == 0))
					found = d;
			if (found < 0) {
				snprintf(why, n,
				         _("\"%s\" is not a list of days: write day names such as "
				           "\"sat,sun\" (mon, tue, wed, thu, fri, sat, sun) or \"none\"."),
				         shown(text, v));
				return false;
			}
			days[found] = true;
			p += len;
		}
	}
	int off = 0;
	for (int d = 0; d < 7; d++)
		off += days[d];
	if (off == 7) {
		snprintf(why, n,
		         _("\"%s\" makes every day of the week a day off; at least one working day "
		           "must remain."),
		         shown(text, v));
		return false;
	}
	memcpy(field(s, c), days, sizeof days);
	return true;
}

static bool parse_agency_code(const mc_setting *s, const char *text, mc_config *c, char *why,
                              size_t n)
{
	char out[14];
	mc_err e;
	if (!*text) {
		((char *)field(s, c))[0] = '\0';
		return true;
	}
	if (mc_validate_agency_code(text, out, &e) != MC_OK) {
		snprintf(why, n, "%s", e.msg);
		return false;
	}
	memcpy(field(s, c), out, sizeof out);
	return true;
}

static bool parse_code_pattern(const mc_setting *s, const char *text, mc_config *c, char *why,
                               size_t n)
{
	mc_err e;
	if (mc_validate_code_pattern(text, &e) != MC_OK) {
		snprintf(why, n, "%s", e.msg);
		return false;
	}
	return parse_str(s, text, c, why, n);
}

/* ---- the table --------------------------------------------------------- */

static const char *const authorities[] = {"", "KT.", "TL.", "TM.", "Q.", "TUQ.", NULL};
static const char *const languages[] = {"auto", "vi", "en", NULL};
static const char *const supplement_modes[] = {"restart", "pause", NULL};
static const char *const judge_modes[] = {"date", "minute", NULL};
static const char *const themes[] = {"dark", "light", "mono", NULL};
static const char *const login_modes[] = {"account", "password", NULL};

#define FIELD(f) offsetof(mc_config, f), sizeof(((mc_config *)0)->f)
#define ROW(sec, key, type, parse, def, f, min, max, choices, doc, vi) \
	{{sec, key, def, doc, vi}, type, parse, FIELD(f), min, max, choices}
#define STR(sec, key, def, f, doc, vi) ROW(sec, key, MC_SET_STR, parse_str, def, f, 0, 0, NULL, doc, vi)
#define PATH(sec, key, f, doc, vi) ROW(sec, key, MC_SET_PATH, parse_path, "", f, 0, 0, NULL, doc, vi)
#define INT(sec, key, def, f, lo, hi, doc, vi) \
	ROW(sec, key, MC_SET_INT, parse_int, def, f, lo, hi, NULL, doc, vi)
#define BOOL(sec, key, def, f, doc, vi) ROW(sec, key, MC_SET_BOOL, parse_bool, def, f, 0, 0, NULL, doc, vi)
#define HHMM(sec, key, def, f, doc, vi) ROW(sec, key, MC_SET_HHMM, parse_hhmm, def, f, 0, 0, NULL, doc, vi)
#define ENUM(sec, key, def, f, list, doc, vi) \
	ROW(sec, key, MC_SET_ENUM, parse_enum, def, f, 0, 0, list, doc, vi)
#define CHOICE(sec, key, def, f, list, doc, vi) \
	ROW(sec, key, MC_SET_CHOICE, parse_choice, def, f, 0, 0, list, doc, vi)

const mc_setting mc_settings[] = {
	/* [agency] */
	STR("agency", "name", "Sở Tư pháp tỉnh Đồng Nai", agency_name,
	    N_("Full name of the agency whose desk this is, as printed on letters and reports."),
	    "Tên cơ quan có Bộ phận Một cửa, in trên văn bản và báo cáo."),
	ROW("agency", "code", MC_SET_STR, parse_agency_code, "000.00.31.H29", agency_code, 0, 0,
	    NULL,
	    N_("National electronic identifier of the agency, form VVV.ZZ.YY.MXX (Decision "
	       "20/2020/QD-TTg); used as {agency} in dossier codes. Empty only if the code "
	       "pattern does not use {agency}."),
	    "Mã định danh điện tử của cơ quan (Quyết định 20/2020/QĐ-TTg), dạng 000.00.31.H29."),
	STR("agency", "short_name", "STP", agency_short,
	    N_("Short symbol of the agency used in document numbers, e.g. 12/TB-STP."),
	    "Chữ viết tắt tên cơ quan dùng trong số, ký hiệu văn bản."),
	STR("agency", "superior", "UBND tỉnh Đồng Nai", superior_name,
	    N_("Superior agency, printed above the agency name in letter headers."),
	    "Tên cơ quan chủ quản, in phía trên tên cơ quan ở đầu văn bản."),
	STR("agency", "desk", "Bộ phận Một cửa", desk_name,
	    N_("Name of the one-stop desk."), "Tên Bộ phận Một cửa (Bộ phận tiếp nhận và trả kết quả)."),
	STR("agency", "place", "Đồng Nai", place_name,
	    N_("Place name written before the date of letters (\"Dong Nai, ngay ...\")."),
	    "Địa danh ghi trước ngày tháng của văn bản."),
	STR("agency", "address", "", agency_address, N_("Postal address of the desk (may be empty)."),
	    "Địa chỉ của Bộ phận Một cửa (có thể để trống)."),
	STR("agency", "phone", "", agency_phone, N_("Telephone number of the desk (may be empty)."),
	    "Số điện thoại của Bộ phận Một cửa (có thể để trống)."),

	/* [signer] */
	STR("signer", "head_title", "GIÁM ĐỐC", head_title,
	    N_("Title of the head of the agency, in capitals as printed above the signature."),
	    "Chức danh người đứng đầu cơ quan, viết hoa như ở phần ký."),
	STR("signer", "head_name", "", head_name, N_("Full name of the head of the agency."),
	    "Họ và tên người đứng đầu cơ quan."),
	STR("signer", "deputy_title", "PHÓ GIÁM ĐỐC", deputy_title,
	    N_("Title of the deputy who signs on behalf of the head (with \"KT.\")."),
	    "Chức danh cấp phó ký thay người đứng đầu (ký \"KT.\")."),
	STR("signer", "deputy_name", "", deputy_name, N_("Full name of that deputy."),
	    "Họ và tên cấp phó ký thay."),
	CHOICE("signer", "apology_authority", "KT.", apology_authority, authorities,
	       N_("Authority word before the signer of apology letters: KT. (deputy signs for "
	          "the head), TL., TM., Q., TUQ., or empty when the head signs."),
	       "Thẩm quyền ký thư xin lỗi: KT., TL., TM., Q., TUQ. hoặc để trống nếu người đứng "
	       "đầu ký."),
	STR("signer", "clerk_title", "Công chức tiếp nhận", clerk_title,
	    N_("Title of the desk clerk who signs receipts and guidance slips."),
	    "Chức danh người tiếp nhận hồ sơ, ký phiếu tiếp nhận và phiếu hướng dẫn."),

	/* [hours] */
	HHMM("hours", "morning_open", "07:30", morning_open, N_("Office opens in the morning (HH:MM)."),
	     "Giờ bắt đầu làm việc buổi sáng."),
	HHMM("hours", "morning_close", "11:30", morning_close,
	     N_("Morning session ends; the lunch break starts (HH:MM)."),
	     "Giờ kết thúc buổi sáng, bắt đầu nghỉ trưa."),
	HHMM("hours", "afternoon_open", "13:30", afternoon_open,
	     N_("Afternoon session starts; dossiers received during the lunch break count from "
	        "here (HH:MM)."),
	     "Giờ bắt đầu buổi chiều; hồ sơ nhận trong giờ nghỉ trưa tính từ giờ này."),
	HHMM("hours", "afternoon_close", "17:00", afternoon_close,
	     N_("Office closes (HH:MM). Later intakes count from the next opening."),
	     "Giờ kết thúc buổi chiều; hồ sơ nhận sau giờ này tính từ lúc mở cửa kế tiếp."),
	ROW("hours", "weekend", MC_SET_DAYS, parse_days, "sat,sun", weekend, 0, 0, NULL,
	    N_("Weekly days off: day names (mon tue wed thu fri sat sun) separated by commas, or "
	       "\"none\". At least one working day must remain."),
	    "Ngày nghỉ hằng tuần (mon tue wed thu fri sat sun), cách nhau bằng dấu phẩy."),
	INT("hours", "hours_per_day", "8", hours_per_day, 1, 24,
	    N_("Length of one working day in hours, for limits and step budgets in hours."),
	    "Số giờ của một ngày làm việc, dùng khi thời hạn tính bằng giờ."),

	/* [rules] */
	HHMM("rules", "handover_cutoff", "15:00", handover_cutoff,
	     N_("Paper dossiers received after this time go to the processing unit at the start of "
	        "the next working day (HH:MM)."),
	     "Hồ sơ giấy nhận sau giờ này được chuyển cho cơ quan xử lý vào đầu ngày làm việc "
	     "tiếp theo."),
	HHMM("rules", "same_day_cutoff", "15:00", same_day_cutoff,
	     N_("Default cut-off of same-day procedures: received later, due the next working day "
	        "(HH:MM). A procedure may set its own."),
	     "Giờ chốt của thủ tục giải quyết trong ngày: nhận sau giờ này thì hẹn ngày làm việc "
	     "tiếp theo."),
	ENUM("rules", "supplement_mode", "restart", supplement_mode, supplement_modes,
	     N_("When the supplemented file comes back: restart the time limit from zero, or pause "
	        "the clock and extend the due date by the waiting time."),
	     "Khi nhận đủ hồ sơ bổ sung: tính lại thời hạn từ đầu (restart) hoặc chỉ cộng thêm thời "
	     "gian chờ (pause)."),
	INT("rules", "supplement_days", "3", supplement_days, 1, 60,
	    N_("A supplement request must be sent within this many working days of receipt; a later "
	       "one is flagged."),
	    "Số ngày làm việc tối đa kể từ khi nhận hồ sơ để yêu cầu bổ sung, hoàn thiện."),
	ENUM("rules", "judge_by", "date", judge_by, judge_modes,
	     N_("Early / on time / late judged by date (ready on the due date = on time) or by the "
	        "minute."),
	     "Đánh giá trước hạn / đúng hạn / quá hạn theo ngày (date) hay theo phút (minute)."),
	INT("rules", "due_soon_days", "1", due_soon_days, 0, 30,
	    N_("\"Due soon\" window in working days."),
	    "Số ngày làm việc để coi hồ sơ là sắp đến hạn."),
	INT("rules", "apology_days_before", "1", apology_days_before, 0, 30,
	    N_("The apology letter is due this many working days before the due date."),
	    "Thư xin lỗi phải gửi trước hạn trả kết quả bao nhiêu ngày làm việc."),
	BOOL("rules", "makeup_saturdays", "yes", makeup_saturdays,
	     N_("Make-up Saturdays (lam bu) count as working days for deadlines (yes/no)."),
	     "Thứ Bảy làm bù có được tính là ngày làm việc khi tính hạn hay không."),

	/* [codes] */
	ROW("codes", "pattern", MC_SET_STR, parse_code_pattern, "{agency}-{yymmdd}-{seq:4}",
	    code_pattern, 0, 0, NULL,
	    N_("Dossier code pattern. Placeholders: {agency} {yymmdd} {yyyy} {yy} {mm} {dd} "
	       "{seq:N} (daily sequence with N digits, required, like the full date)."),
	    "Mẫu mã hồ sơ; số thứ tự {seq:N} bắt đầu lại mỗi ngày."),

	/* [files] */
	PATH("files", "calendar", calendar_path,
	     N_("Working calendar: a file or a folder of *.tsv files. Empty = the calendar "
	        "shipped with motcua."),
	     "Lịch làm việc (tệp hoặc thư mục *.tsv); để trống = lịch kèm theo chương trình."),
	PATH("files", "catalogue", catalogue_path,
	     N_("Procedure catalogue (CSV). Empty = the sample catalogue shipped with motcua."),
	     "Danh mục thủ tục hành chính (CSV); để trống = danh mục mẫu."),
	PATH("files", "rubric", rubric_path,
	     N_("PAR index rubric (TSV). Empty = the rubric shipped with motcua."),
	     "Bộ tiêu chí Chỉ số cải cách hành chính (TSV); để trống = bộ kèm theo."),
	PATH("files", "database", database_path,
	     N_("Database file. Empty = $XDG_DATA_HOME/motcua/motcua.db (else "
	        "~/.local/share/motcua/motcua.db)."),
	     "Tệp cơ sở dữ liệu; để trống = ~/.local/share/motcua/motcua.db."),
	PATH("files", "templates", templates_dir,
	     N_("Folder of form and letter templates. Empty = the templates shipped with motcua."),
	     "Thư mục mẫu biểu, văn bản; để trống = mẫu kèm theo."),
	PATH("files", "output_dir", output_dir,
	     N_("Folder where letters are written. Empty = $XDG_DATA_HOME/motcua/letters."),
	     "Thư mục lưu văn bản in ra; để trống = ~/.local/share/motcua/letters."),

	/* [ui] */
	CHOICE("ui", "language", "auto", language, languages,
	       N_("Language of the interface: auto (Vietnamese unless the locale asks for "
	          "English), vi or en."),
	       "Ngôn ngữ giao diện: auto (tiếng Việt, trừ khi môi trường chọn tiếng Anh), vi, en."),
	ENUM("ui", "theme", "dark", theme, themes, N_("Colours of the terminal interface: dark, "
	                                              "light or mono."),
	     "Màu giao diện: dark (nền tối), light (nền sáng), mono (đơn sắc)."),

	/* [print] */
	STR("print", "command", "", printer_command,
	    N_("Command that prints a PDF file given as its last argument, e.g. \"lp -d "
	       "PRINTER\". Empty = letters are only written to files."),
	    "Lệnh in tệp PDF, ví dụ \"lp -d MAYIN\"; để trống = chỉ lưu tệp."),

	/* [export] */
	INT("export", "compression", "1", export_compression, 1, 9,
	    N_("How hard the Excel workbook is compressed: 1 (fastest) to 9 (smallest file). "
	       "At 6, zlib's usual level, the file is about a quarter smaller but a large export "
	       "takes about 1.4 times as long. Compression uses every processor, and level 1 uses ISA-L "
	       "(igzip) when motcua is built with it."),
	    "Mức nén tệp Excel: 1 (nhanh nhất) đến 9 (tệp nhỏ nhất). Ở mức 6 (mức thường dùng "
	    "của zlib) tệp nhỏ hơn khoảng một phần tư nhưng xuất một kỳ lớn lâu gấp khoảng 1,4 lần. "
	    "Việc nén dùng mọi bộ xử lý của máy; mức 1 dùng ISA-L (igzip) nếu chương trình được "
	    "biên dịch kèm thư viện này."),

	/* [privacy] */
	BOOL("privacy", "mask_ids", "yes", mask_ids,
	     N_("Mask ID numbers in lists and exports (yes/no)."),
	     "Che bớt số định danh cá nhân trong danh sách và tệp xuất."),
	INT("privacy", "retention_years", "5", retention_years, 0, 100,
	    N_("Years personal data of closed dossiers is kept; 0 = keep forever."),
	    "Số năm lưu dữ liệu cá nhân của hồ sơ đã kết thúc; 0 = lưu vĩnh viễn."),

	/* [audit] */
	BOOL("audit", "allow_backdated", "yes", allow_backdated,
	     N_("Allow writing to the database under --now (such events are marked) (yes/no)."),
	     "Cho phép ghi dữ liệu khi dùng --now (sự kiện được đánh dấu)."),
	ENUM("audit", "login", "account", login, login_modes,
	     N_("Who is acting: account (the operating-system account, e.g. each clerk over SSH) or "
	        "password (a shared counter PC: motcua --user NAME asks for the password)."),
	     "Xác định người dùng: account (tài khoản hệ điều hành của từng cán bộ) hoặc password "
	     "(máy dùng chung: đăng nhập bằng tên và mật khẩu)."),
};

const size_t mc_settings_count = sizeof mc_settings / sizeof mc_settings[0];

const mc_section_doc mc_sections[] = {
	{"agency", N_("The agency and its one-stop desk."), "Cơ quan và Bộ phận Một cửa."},
	{"signer", N_("Who signs the letters."), "Người ký văn bản."},
	{"hours", N_("Office hours and the working week."), "Giờ làm việc và ngày nghỉ hằng tuần."},
	{"rules", N_("Time rules (domain rules believed, not confirmed: keep them configurable)."),
	 "Quy tắc tính thời gian."},
	{"codes", N_("Dossier codes."), "Mã hồ sơ."},
	{"files", N_("Files and folders. Relative paths are taken from this file's folder, ~/ from "
	             "the home folder."),
	 "Tệp và thư mục; đường dẫn tương đối tính từ thư mục chứa tệp này."},
	{"ui", N_("The terminal interface."), "Giao diện."},
	{"print", N_("Printing."), "In ấn."},
	{"export", N_("The Excel workbook."), "Tệp Excel."},
	{"privacy", N_("Personal data (Decree 13/2023, Law 91/2025/QH15)."), "Bảo vệ dữ liệu cá nhân."},
	{"audit", N_("Audit."), "Kiểm soát, truy vết."},
};

const size_t mc_sections_count = sizeof mc_sections / sizeof mc_sections[0];

const mc_setting *mc_setting_find(const char *section, const char *name)
{
	for (size_t i = 0; i < mc_settings_count; i++)
		if (strcmp(mc_settings[i].key.section, section) == 0 &&
		    strcmp(mc_settings[i].key.name, name) == 0)
			return &mc_settings[i];
	return NULL;
}

bool mc_section_known(const char *section)
{
	for (size_t i = 0; i < mc_sections_count; i++)
		if (strcmp(mc_sections[i].name, section) == 0)
			return true;
	return false;
}

const char *mc_section_list(void)
{
	static char buf[256];
	if (!buf[0]) {
		size_t w = 0;
		for (size_t i = 0; i < mc_sections_count; i++) {
			int k = snprintf(buf + w, sizeof buf - w, "%s[%s]", i ? ", " : "",
			                 mc_sections[i].name);
			if (k < 0 || (size_t)k >= sizeof buf - w)
				break;
			w += (size_t)k;
		}
	}
	return buf;
}

void mc_setting_format(const mc_setting *s, const mc_config *c, char *buf, size_t n)
{
	const void *f = cfield(s, c);
	int iv;
	bool bv;
	switch (s->type) {
	case MC_SET_STR:
	case MC_SET_CHOICE:
	case MC_SET_PATH:
		snprintf(buf, n, "%s", (const char *)f);
		break;
	case MC_SET_INT:
		memcpy(&iv, f, sizeof iv);
		snprintf(buf, n, "%d", iv);
		break;
	case MC_SET_BOOL:
		memcpy(&bv, f, sizeof bv);
		snprintf(buf, n, "%s", bv ? "yes" : "no");
		break;
	case MC_SET_HHMM: {
		char t[6];
		memcpy(&iv, f, sizeof iv);
		mc_hhmm_format(iv, t);
		snprintf(buf, n, "%s", t);
		break;
	}
	case MC_SET_ENUM: {
		memcpy(&iv, f, sizeof iv);
		int count = 0;
		while (s->choices[count])
			count++;
		snprintf(buf, n, "%s", iv >= 0 && iv < count ? s->choices[iv] : "?");
		break;
	}
	case MC_SET_DAYS: {
		bool days[7];
		memcpy(days, f, sizeof days);
		size_t w = 0;
		buf[0] = '\0';
		/* Monday first, as people list them. */
		for (int k = 1; k <= 7; k++) {
			int d = k % 7;
			if (!days[d])
				continue;
			int m = snprintf(buf + w, n - w, "%s%s", w ? "," : "", day_names[d]);
			if (m < 0 || (size_t)m >= n - w)
				break;
			w += (size_t)m;
		}
		if (w == 0)
			snprintf(buf, n, "none");
		break;
	}
	}
}

void mc_settings_apply_defaults(mc_config *c)
{
	char why[512];
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < mc_settings_count; i++) {
		const mc_setting *s = &mc_settings[i];
		/* The defaults are checked by test_config; a failure leaves the field zero. */
		(void)s->parse(s, s->key.def, c, why, sizeof why);
	}
}
