# Mẫu 04 (Thông tư 03/2025/TT-VPCP): Văn bản xin lỗi và đề nghị gia hạn thời
# gian giải quyết. Trình bày theo Nghị định 30/2020/NĐ-CP. Cú pháp và danh sách
# trường: README.md trong thư mục này.
.page A4 portrait
.margins 20 15 20 30
.font Liberation Serif
.size 13

.header
superior: {superior_name}
agency: {agency_name}
number: Số: {doc_no}/XL-{agency_short}
national: Cộng hòa xã hội chủ nghĩa Việt Nam
motto: Độc lập - Tự do - Hạnh phúc
date: {place_name}, ngày {issue_day} tháng {issue_month} năm {issue_year}

.title size=14
VĂN BẢN XIN LỖI
VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT

.center before=4 after=3
Kính gửi: {applicant_name}.

.para
Ngày {received_dd} tháng {received_mm} năm {received_yyyy}, {agency_name} tiếp nhận hồ sơ của Ông/Bà/Tổ chức đề nghị giải quyết thủ tục hành chính: {procedure_name}.

.lines after=1.5
Mã hồ sơ: **{dossier_code}**.
Thời hạn trả kết quả giải quyết hồ sơ theo giấy hẹn: {due_hh} giờ {due_mi} phút, ngày {due_dd} tháng {due_mm} năm {due_yyyy}.

.para
Tuy nhiên đến nay, {agency_name} chưa thể trả kết quả giải quyết hồ sơ cho Ông/Bà/Tổ chức đúng hạn vì lý do: {reason}

{agency_name} xin lỗi Ông/Bà/Tổ chức vì sự chậm trễ này và đề nghị được gia hạn thời gian giải quyết hồ sơ; kết quả giải quyết hồ sơ sẽ được trả cho Ông/Bà/Tổ chức vào lúc **{new_due_hh} giờ {new_due_mi} phút, ngày {new_due_dd} tháng {new_due_mm} năm {new_due_yyyy}**.

Mong nhận được sự thông cảm của Ông/Bà/Tổ chức./.

.recipients before=6
Nơi nhận:
- Như trên;
- {desk_name};
- Lưu: VT, {unit_short}.

.sign
**{signer_titles}**
~
**{signer_name}**
