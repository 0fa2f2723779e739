/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Renders one form template from assets/templates with realistic sample data
 * (the fields documented in assets/templates/README.md), for the poppler
 * checks of test_print.sh and the reference PNGs.
 *
 *   print_sample KIND OUT.pdf [--rows N] [--template PATH] [field=value ...]
 *
 * KIND: receipt supplement refusal apology stop control register.
 * --rows N gives every list N rows (documents, missing items, hand-overs,
 * register entries); field=value overrides a field (e.g. a very long name or
 * a decomposed one); "-field" removes it (to test the missing-field error).
 * Prints the page count on stdout; errors on stderr with exit status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_build_config.h"
#include "motcua/print.h"
#include "motcua/template.h"

static const char *const common[][2] = {
	{"superior_name", "Ủy ban nhân dân tỉnh Đồng Nai"},
	{"agency_name", "Sở Tư pháp tỉnh Đồng Nai"},
	{"agency_short", "STP"},
	{"unit_short", "HCTP"},
	{"desk_name", "Bộ phận Một cửa"},
	{"desk_phone", "0251 3822 123"},
	{"place_name", "Đồng Nai"},
	{"agency_address", "Số 2 Nguyễn Văn Trị, phường Trấn Biên, tỉnh Đồng Nai"},
	{"doc_no", "05"},
	{"issue_day", "05"}, {"issue_month", "01"}, {"issue_year", "2026"},
	{"dossier_code", "000.00.31.H29-251120-0007"},
	{"register_no", "1234"},
	{"register_book", "01"},
	{"procedure_name", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"},
	{"procedure_code", "1.001234"},
	{"applicant_name", "Nguyễn Thị Hương Giang"},
	{"applicant_address", "Tổ 5, ấp Bình Ý, xã Tân Bình, tỉnh Đồng Nai"},
	{"applicant_phone", "0912 345 678"},
	{"applicant_email", "huong.giang@example.vn"},
	{"sets", "01"},
	{"time_limit", "10 ngày làm việc"},
	{"result_place", "Bộ phận Một cửa Sở Tư pháp"},
	{"received_hh", "08"}, {"received_mi", "37"}, {"received_dd", "20"},
	{"received_mm", "11"}, {"received_yyyy", "2025"},
	{"due_hh", "08"}, {"due_mi", "37"}, {"due_dd", "04"},
	{"due_mm", "12"}, {"due_yyyy", "2025"},
	{"new_due_hh", "16"}, {"new_due_mi", "00"}, {"new_due_dd", "09"},
	{"new_due_mm", "01"}, {"new_due_yyyy", "2026"},
	{"reason", "Hồ sơ cần xác minh thêm thông tin tại cơ quan công an nơi cư trú trước đây của người yêu cầu; đến nay chưa nhận được văn bản trả lời."},
	{"legal_basis", "Khoản 2 Điều 21 Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ."},
	{"signer_titles", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"},
	{"signer_name", "Trần Văn Bình"},
	{"clerk_name", "Lê Thị Mai"},
	{"lead_unit", "Phòng Hành chính tư pháp"},
	{"from_date", "01/11/2025"}, {"to_date", "30/11/2025"},
};

static const char *const docs[] = {
	"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)",
	"Bản chụp Căn cước công dân của người yêu cầu",
	"Văn bản ủy quyền có chứng thực",
	"Giấy tờ chứng minh nơi thường trú",
};

static void set(mc_form_data *d, const char *k, const char *v)
{
	if (mc_form_set(d, k, v) != MC_OK) {
		fprintf(stderr, "print_sample: cannot set %s\n", k);
		exit(1);
	}
}

static void rows(mc_form_data *d, const char *kind, int n)
{
	char buf[512];
	if (strcmp(kind, "receipt") == 0) {
		mc_form_list(d, "documents");
		for (int i = 0; i < n; i++) {
			mc_form_row *r = mc_form_add_row(d, "documents");
			snprintf(buf, sizeof buf, "%s%s", docs[i % 4], i >= 4 ? " (bổ sung)" : "");
			mc_form_row_set(r, "name", buf);
			mc_form_row_set(r, "form", i % 2 ? "Bản chụp" : "Bản chính");
		}
	} else if (strcmp(kind, "supplement") == 0) {
		mc_form_list(d, "missing");
		for (int i = 0; i < n; i++) {
			mc_form_row *r = mc_form_add_row(d, "missing");
			mc_form_row_set(r, "name", docs[i % 4]);
			mc_form_row_set(r, "originals", i % 2 ? "" : "01");
			mc_form_row_set(r, "certified", i % 2 ? "01" : "");
			mc_form_row_set(r, "copies", "");
		}
	} else if (strcmp(kind, "control") == 0) {
		static const char *units[] = {"Bộ phận Một cửa", "Phòng Hành chính tư pháp",
		                              "Lãnh đạo Sở", "Phòng Hành chính tư pháp"};
		static const char *res[] = {"Đúng hạn", "Trước hạn", "Quá hạn", "Đúng hạn"};
		mc_form_list(d, "handovers");
		for (int i = 0; i < n; i++) {
			mc_form_row *r = mc_form_add_row(d, "handovers");
			mc_form_row_set(r, "from_unit", units[i % 4]);
			mc_form_row_set(r, "to_unit", units[(i + 1) % 4]);
			mc_form_row_setf(r, "at_hh", "%02d", 8 + i % 8);
			mc_form_row_set(r, "at_mi", "15");
			mc_form_row_setf(r, "at_dd", "%02d", 20 + i % 9);
			mc_form_row_set(r, "at_mm", "11");
			mc_form_row_set(r, "at_yyyy", "2025");
			mc_form_row_set(r, "giver", i % 2 ? "Phạm Quốc Việt" : "Lê Thị Mai");
			mc_form_row_set(r, "receiver", i % 2 ? "Lê Thị Mai" : "Phạm Quốc Việt");
			mc_form_row_set(r, "result", res[i % 4]);
			mc_form_row_set(r, "note", i == 2 ? "Đã có văn bản xin lỗi" : "");
		}
	} else if (strcmp(kind, "register") == 0) {
		mc_form_list(d, "entries");
		for (int i = 0; i < n; i++) {
			mc_form_row *r = mc_form_add_row(d, "entries");
			mc_form_row_setf(r, "register_no", "%d", 1201 + i);
			mc_form_row_setf(r, "dossier_code", "000.00.31.H29-2511%02d-%04d", 3 + i % 25, i + 1);
			mc_form_row_set(r, "procedure_name", i % 2 ? "Cấp Phiếu lý lịch tư pháp" : "Chứng thực bản sao từ bản chính");
			mc_form_row_set(r, "sets", "01");
			mc_form_row_set(r, "applicant_name", i % 3 ? "Trần Thị Ngọc Ánh" : "Công ty TNHH Thương mại Đồng Xanh");
			mc_form_row_set(r, "applicant_address", "Khu phố 3, phường Long Bình, tỉnh Đồng Nai");
			mc_form_row_set(r, "applicant_phone", "0987 654 321");
			mc_form_row_set(r, "lead_unit", "Phòng Hành chính tư pháp");
			mc_form_row_set(r, "received", "03/11/2025 08:15");
			mc_form_row_set(r, "due", "17/11/2025 08:15");
			mc_form_row_set(r, "sent", "03/11/2025 14:00");
			mc_form_row_set(r, "back", i % 4 ? "14/11/2025 10:00" : "");
			mc_form_row_set(r, "returned", i % 4 ? "14/11/2025 15:30" : "");
			mc_form_row_set(r, "note", i % 4 ? "" : "Đang giải quyết");
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: print_sample KIND OUT.pdf [--rows N] [--template P] [k=v ...]\n");
		return 2;
	}
	const char *kind = argv[1], *out = argv[2];
	int n = strcmp(kind, "register") == 0 ? 12 : 4;
	char tpl[1024];
	snprintf(tpl, sizeof tpl, "%s/templates/%s.tpl", MC_SOURCE_ASSETSDIR, kind);
	mc_form_data *d = mc_form_data_new();
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		set(d, common[i][0], common[i][1]);
	for (int i = 3; i < argc; i++)
		if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
			n = atoi(argv[++i]);
		else if (strcmp(argv[i], "--template") == 0 && i + 1 < argc)
			snprintf(tpl, sizeof tpl, "%s", argv[++i]);
	rows(d, kind, n);
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--rows") == 0 || strcmp(argv[i], "--template") == 0) {
			i++;
			continue;
		}
		char *eq = strchr(argv[i], '=');
		if (argv[i][0] == '-') { /* drop a field: rebuild without it */
			mc_form_data *d2 = mc_form_data_new();
			for (size_t j = 0; j < sizeof common / sizeof common[0]; j++)
				if (strcmp(common[j][0], argv[i] + 1) != 0)
					set(d2, common[j][0], common[j][1]);
			rows(d2, kind, n);
			mc_form_data_free(d);
			d = d2;
		} else if (eq) {
			*eq = '\0';
			set(d, argv[i], eq + 1);
		}
	}
	mc_err e;
	mc_print_info info;
	mc_status st = mc_print_render(tpl, d, NULL, out, &info, &e);
	mc_form_data_free(d);
	if (st != MC_OK) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	printf("%d\n", info.pages);
	return 0;
}
