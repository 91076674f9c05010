"""The words for every error code, in both languages, defined once.

Services raise typed errors with a stable ``code`` and ``details``; the desks (``ui/messages.py``), the command
line (``app/cli.py``) and the county hub's pages turn them into a sentence here, so a nurse, an administrator at
a terminal and the county read the same thing. Every sentence says what to do next. Pure Python, no Qt.

``ERRORS[code]`` is the sentence for a code; ``{field}`` names fill from the error's details. Where the words
depend on the details (which record, which field, a time), a small function below picks the Words and computes
the fields; it is registered in ``_CHOOSERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from app.vocabulary import Words
from app.vocabulary.casework import DISPOSITION
from app.vocabulary.severity import ERRORS as _SEVERITY_ERRORS
from app.vocabulary.staff import ERRORS as _STAFF_ERRORS
from app.vocabulary.staff import MISSING as _STAFF_MISSING
from app.vocabulary.stock import ERRORS as _STOCK_ERRORS
from app.vocabulary.stock import MISSING as _STOCK_MISSING
from app.vocabulary.transfer import TRANSFER_STATE
from app.vocabulary.wards import EXCEPTION_KIND

Fields = dict[str, Any]
Chooser = Callable[[Mapping[str, Any]], tuple[Words, Fields]]

ERRORS: dict[str, Words] = {
    # validation
    "username": Words(
        zh="请重新输入用户名：2–32 个字符，只用小写字母、数字、“.”、“_”或“-”，并以字母或数字开头。",
        en="Type the user name again: 2–32 characters, only lower-case letters, digits, '.', '_' or '-', starting "
           "with a letter or digit."),
    "full_name": Words(
        zh="请输入 1 到 64 个字符的姓名。",
        en="Enter a name of 1 to 64 characters."),
    "clinic_code": Words(
        zh="请重新输入机构代码：2–20 位大写字母或数字，例如医疗机构登记代码。",
        en="Enter the clinic code again: 2–20 capital letters or digits, e.g. the institution's registration code."),
    "clinic_name": Words(
        zh="请输入机构名称（2 到 100 个字符）。",
        en="Enter the clinic's name (2 to 100 characters)."),
    "clinic_level": Words(
        zh="请选择机构级别。",
        en="Choose the clinic level."),
    "timezone": Words(
        zh="本电脑不认识所填的时区：请从列表中重新选择时区。",
        en="This computer does not know that time zone: choose the time zone from the list again."),
    "unknown_role": Words(
        zh="没有“{role}”这个角色：请从列表中选择角色。",
        en="There is no role called \"{role}\": choose the roles from the list."),
    "no_role": Words(
        zh="请至少选择一个角色。",
        en="Choose at least one role."),
    "password_too_short": Words(
        zh="密码至少需要 {minimum} 个字符：请输入更长的密码。",
        en="The password needs at least {minimum} characters: enter a longer one."),
    "password_too_simple": Words(
        zh="密码过于简单：请至少使用 4 个不同的字符。",
        en="The password is too simple: use at least 4 different characters."),
    "passwords_differ": Words(
        zh="两次输入的密码不一致：请重新输入两次相同的密码。",
        en="The two passwords are not the same: type the same password twice."),
    "last_admin": Words(
        zh="这是最后一个在用的管理员账户：至少要有一个在用账户保留管理员角色。请先给另一个账户加上管理员角色。",
        en="This is the last active administrator: at least one active account keeps the administrator role. First "
           "give the role to another account."),
    "cannot_disable_self": Words(
        zh="不能停用自己的账户：请由另一位管理员登录后停用。",
        en="You cannot disable your own account: ask another administrator to do it."),
    "setting_type": Words(
        zh="该设置的值类型不正确：请按该设置的说明重新填写（数字、是/否或文字）。",
        en="This setting has the wrong kind of value: enter it again as the setting asks (a number, yes/no or text)."),
    "setting_choice": Words(
        zh="该值不在允许的选项中：请从列表中选择。",
        en="This value is not one of the allowed choices: choose one from the list."),
    "setting_range": Words(
        zh="请输入 {minimum} 至 {maximum} 之间的数值。",
        en="Enter a value from {minimum} to {maximum}."),
    "invalid": Words(
        zh="部分输入内容无效：请检查标出的项目并改正。",
        en="Some of the input is not valid: check the marked fields and correct them."),
    "figure_range": Words(
        zh="请输入 {minimum} 至 {maximum} 之间的数值。",
        en="Enter a value from {minimum} to {maximum}."),
    # conflicts and concurrency
    "username_taken": Words(
        zh="用户名 {username} 已被使用：请换一个用户名。",
        en="The user name {username} is already taken: choose another one."),
    "already_initialized": Words(
        zh="本工作站的机构已经设置过了，未作任何改动：请直接登录使用。",
        en="This workstation's clinic is already set up; nothing was changed. Log in and use it."),
    "not_demo_clinic": Words(
        zh="演示账户只能添加到演示机构：正式机构的账户请由管理员逐个添加。",
        en="Demo accounts can only be added to a demo clinic: add this clinic's accounts one by one as an "
           "administrator."),
    "conflict": Words(
        zh="与已有数据冲突，未保存：请刷新后核对已有记录，再重试。",
        en="This conflicts with existing data; nothing was saved. Reload, check the existing record, then try again."),
    # not found / permissions / set-up
    "user": Words(
        zh="账户 {username} 不存在：请核对用户名。",
        en="The account {username} does not exist: check the user name."),
    "permission_denied": Words(
        zh="您的账户无权执行此操作：如确需办理，请联系本机构管理员分配相应角色。",
        en="Your account is not allowed to do this: if you need to, ask the clinic's administrator for the right "
           "role."),
    "account_disabled": Words(
        zh="该账户已被停用，请联系管理员。",
        en="This account has been disabled. Ask an administrator."),
    "not_initialized": Words(
        zh="此数据目录或数据库中尚未建立机构（数据目录是否写错？），未在该处创建任何内容。请先建立机构（设置向导，或命令行"
           " fever-sentinel init / demo），或指定本机构的数据目录。",
        en="No clinic is set up in this data directory or database yet (a mistyped data folder?); nothing was "
           "created there. Set up the clinic first (the set-up wizard, or 'fever-sentinel init' or 'demo'), or "
           "give the clinic's data directory."),
    # storage
    "network_share": Words(
        zh="数据文件夹 {path} 位于网络共享上，数据库文件在那里可能损坏：请使用本机硬盘上的文件夹；多台工作站共用时，请管理员改用本机构的数据库服务器。",
        en="The data folder {path} is on a network share, where the database file can be damaged: use a folder "
           "on this computer's own disk or, for several desks, ask the administrator to use the clinic's "
           "database server."),
    "disk_full": Words(
        zh="磁盘已满。请清理部分空间后重试。",
        en="The disk is full. Free some space, then try again."),
    "db_busy": Words(
        zh="数据库正被其他工位使用，请稍后重试。",
        en="The database is busy with another desk. Try again in a moment."),
    "db_read_only": Words(
        zh="数据库无法写入（文件或文件夹为只读）：请联系本机构管理员，让本账户可以写入数据文件夹。",
        en="The database cannot be written to (the file or folder is read-only): ask the clinic's administrator to "
           "let this account write to the data folder."),
    "db_corrupt": Words(
        zh="数据库文件已损坏，请恢复最近的备份。",
        en="The database file is damaged. Restore the latest backup."),
    "db_newer_than_app": Words(
        zh="数据由更新版本的发热哨点工作站写入（数据库版本 {revision}，本程序最高支持 {head}）。请重新安装新版本；数据未做任何改动。",
        en="The data was written by a newer version of Fever Sentinel (database version {revision}; this "
           "program knows up to {head}). Install the newer version again; nothing was changed."),
    "db_unreachable": Words(
        zh="无法连接数据库服务器。请检查：服务器电脑是否开机、数据库是否在运行，本机网线或无线网络是否连通，以及本工作站设置的服务器地址和端口是否正确。",
        en="The database server cannot be reached. Check that the server computer is on and its database is "
           "running, this computer's network cable or Wi-Fi, and the server address and port set for this "
           "desk."),
    "backup_needs_sqlite": Words(
        zh="此处备份仅适用于本机自带的数据库文件。多台工作站共用数据库服务器时，请由负责该服务器的人员备份。",
        en="Backups from here work only with this computer's own database file. When the desks share a database "
           "server, ask whoever runs that server to back it up."),
    "backup_over_live": Words(
        zh="备份不能覆盖正在使用的数据库，请选择其他文件。",
        en="A backup cannot overwrite the live database. Choose another file."),
    "backup_failed": Words(
        zh="备份无法写入，请检查文件夹和剩余空间。",
        en="The backup could not be written. Check the folder and the free space."),
    "backup_check_failed": Words(
        zh="备份已写入但未通过完整性检查，已丢弃：请换一个文件夹或 U 盘重新备份。",
        en="The backup was written but failed its integrity check; it was not kept. Back up again to another "
           "folder or USB drive."),
    "backup_missing": Words(
        zh="找不到备份文件 {path}：请检查文件名和 U 盘，或选择其他备份文件。",
        en="The backup file {path} was not found: check the name and the USB drive, or choose another backup file."),
    "corrupt_backup": Words(
        zh="备份文件已损坏，无法恢复，当前数据未改动：请选择另一份（较早的）备份。",
        en="The backup file is damaged and cannot be restored; the current data is unchanged. Choose another "
           "(earlier) backup."),
    "not_a_backup": Words(
        zh="该文件不是发热哨点工作站的备份，未恢复任何内容：请选择备份时生成的文件。",
        en="This file is not a Fever Sentinel backup; nothing was restored. Choose the file the backup made."),
    "backup_chain_broken": Words(
        zh="该备份的责任追溯记录在第 {seq} 号处断裂（可能被改动过），未予恢复：请选择另一份备份，并告知本机构管理员。",
        en="The backup's responsibility trail is broken at entry #{seq} (it may have been altered); it was not "
           "restored. Choose another backup and tell the clinic's administrator."),
    "backup_other_clinic": Words(
        zh="该备份属于其他机构（{clinic}），未予恢复：请选择本机构的备份。",
        en="This backup belongs to another clinic ({clinic}); it was not restored. Choose a backup of this clinic."),
    "restore_failed": Words(
        zh="恢复失败，当前数据未被改动：请换一份备份重试；如仍失败，请联系本工作站的技术支持人员。",
        en="The restore failed; the current data was left unchanged. Try again with another backup; if it fails "
           "again, ask whoever supports this workstation."),
    "key_exists": Words(
        zh="本机构的签名密钥已存在，未被覆盖：请继续使用现有密钥，无需再生成。",
        en="A signing key for this clinic already exists and was not overwritten: keep using it; there is no need "
           "to make another."),
    "key_missing": Words(
        zh="缺少本机构的签名密钥文件：{path}。请从备份中恢复密钥，或联系本机构管理员。",
        en="The clinic's signing key file is missing: {path}. Restore the keys from a backup, or ask the clinic's "
           "administrator."),
    "key_invalid": Words(
        zh="本机构的签名密钥文件已损坏：{path}。请从备份中恢复密钥，或联系本机构管理员。",
        en="The clinic's signing key file is damaged: {path}. Restore the keys from a backup, or ask the clinic's "
           "administrator."),
    "storage": Words(
        zh="数据无法读取或写入，本次操作未保存：请重试；如仍不行，请联系本工作站的技术支持人员。",
        en="The data could not be read or written; nothing was saved. Try again; if it happens again, ask whoever "
           "supports this workstation."),
    # triage desk: screening
    "temperature_range": Words(
        zh="体温须在 {minimum} 至 {maximum} °C 之间，请重新测量。",
        en="The temperature must be between {minimum} and {maximum} °C. Measure again."),
    "temperature_required": Words(
        zh="请填写测得的体温。",
        en="Enter the measured temperature."),
    "temp_method": Words(
        zh="请选择测温方式。",
        en="Choose how the temperature was measured."),
    "symptom": Words(
        zh="选择了本程序不认识的症状：请从列表中重新勾选症状。",
        en="A symptom this program does not know was chosen: tick the symptoms from the list again."),
    "health_code": Words(
        zh="请选择健康码颜色。",
        en="Choose the colour of the health code."),
    "occupation": Words(
        zh="请选择高风险岗位，或“无”。",
        en="Choose the high-risk occupation, or none."),
    "onset_in_future": Words(
        zh="发病日期不能晚于今天：请改为今天或更早的日期。",
        en="The onset date cannot be in the future: enter today or an earlier date."),
    "travel_in_future": Words(
        zh="离开该地区的日期不能晚于今天：请改为今天或更早的日期。",
        en="The last day in an area cannot be in the future: enter today or an earlier date."),
    "screened_in_future": Words(
        zh="筛查时间不能晚于现在：请核对时间（以及本电脑的时钟）。",
        en="The screening time cannot be in the future: check the time (and this computer's clock)."),
    "decision": Words(
        zh="请选择普通门诊、发热门诊或立即隔离。",
        en="Choose general outpatient, fever clinic or isolation."),
    "downgrade_needs_reason": Words(
        zh="降低分诊级别须写明原因：请填写至少 4 个字的原因。",
        en="Lowering the decision needs a reason: write one of at least 4 characters."),
    "not_fever_patient": Words(
        zh="只有分诊到发热门诊或需隔离的患者才需要登记：请让该患者到普通门诊就诊，或先更改分诊结果。",
        en="Only patients sent to the fever clinic or isolation are registered: send this patient to general "
           "outpatient, or change the decision first."),
    "date_format": Words(
        zh="日期请按“年-月-日”填写，或填几天前（0 表示今天）。",
        en="Enter a date as YYYY-MM-DD, or a number of days ago (0 = today)."),
    # triage desk: registration
    "patient_name": Words(
        zh="请填写姓名（1 至 64 个字）。",
        en="Enter the name (1 to 64 characters)."),
    "id_type": Words(
        zh="请选择证件类型。",
        en="Choose the type of identity document."),
    "id_format": Words(
        zh="该号码不符合此类证件的格式：请核对号码和证件类型。",
        en="This is not a valid number for this kind of document: check the number and the document type."),
    "id_birth_date": Words(
        zh="身份证号中的出生日期不是有效日期：请核对证件号码。",
        en="The birth date inside this ID number is not a real date: check the ID number."),
    "id_check_digit": Words(
        zh="身份证号最后一位（校验码）不符，可能有数字输错了：请对照证件逐位核对。",
        en="The ID number's last character (check digit) does not match: a digit was probably mistyped. Check it "
           "digit by digit against the card."),
    "id_missing_reason": Words(
        zh="无证件时请写明原因（如儿童、忘带证件）。",
        en="Without an identity document, write why (e.g. child, forgot the card)."),
    "birth_date": Words(
        zh="出生日期不合理：请核对后重新填写。",
        en="The birth date is not plausible: check it and enter it again."),
    "birth_date_mismatch": Words(
        zh="出生日期与身份证号中的不一致：请核对出生日期或证件号码。",
        en="The birth date differs from the one in the ID number: check the birth date or the ID number."),
    "sex": Words(
        zh="请选择性别。",
        en="Choose the sex."),
    "sex_mismatch": Words(
        zh="性别与身份证号中的不一致：请核对性别或证件号码。",
        en="The sex differs from the one in the ID number: check the sex or the ID number."),
    "phone": Words(
        zh="请填写 11 位手机号，或 0731-1234567 这样的固定电话。",
        en="Enter an 11-digit mobile number or a landline such as 0731-1234567."),
    "vaccination_doses": Words(
        zh="疫苗接种剂次须为 0 至 10：请填写实际接种的剂次。",
        en="Vaccination doses are a number from 0 to 10: enter the doses actually received."),
    "required": Words(
        zh="此项必填：请填写后再保存。",
        en="This field is required: enter it, then save."),
    "too_long": Words(
        zh="太长了：最多 {maximum} 个字，请删减后再保存。",
        en="Too long: at most {maximum} characters. Shorten it, then save."),
    "patient_exists": Words(
        zh="该证件号码的患者已登记过：请查找并使用其已有档案。",
        en="A patient with this ID number is already registered: look the patient up and use that record."),
    "already_registered": Words(
        zh="这次筛查已经登记过了，无需再次登记：请刷新列表，在已登记的患者中继续办理。",
        en="This screening has already been registered: reload the list and carry on with that registration."),
    # hand-offs
    "handoff_open": Words(
        zh="就诊号 {visit_no} 已在前往发热门诊的途中，无需再次引导：请等待发热门诊确认接收。",
        en="Visit {visit_no} is already on the way to the fever clinic: there is no need to send it again. Wait for "
           "the fever clinic to confirm arrival."),
    "already_arrived": Words(
        zh="就诊号 {visit_no} 已到达发热门诊，无需再次操作：请在发热门诊的候诊列表中查看。",
        en="Visit {visit_no} has already arrived at the fever clinic; nothing more is needed here. See it in the "
           "fever clinic's waiting list."),
    "handoff_closed": Words(
        zh="就诊号 {visit_no} 的交接已结束，无需再次操作：请刷新列表。",
        en="The hand-off of visit {visit_no} is already closed; nothing more is needed. Reload the list."),
    # pharmacy
    "drug_category": Words(
        zh="请选择药品类别。",
        en="Choose the kind of medicine."),
    # rules and risk areas
    "rule_fever_threshold": Words(
        zh="发热标准须在 36.0 至 39.0 °C 之间：请改为此范围内的数值。",
        en="The fever threshold must be between 36.0 and 39.0 °C: enter a value in that range."),
    "rule_travel_window": Words(
        zh="旅居史时间范围须为 1 至 60 天：请改为此范围内的天数。",
        en="The travel window must be 1 to 60 days: enter a number of days in that range."),
    "rule_implausible": Words(
        zh="异常体温的上下限设置有误：下限须低于上限，请改正后保存。",
        en="The implausible-temperature limits are not in order: the lower limit must be below the upper one. "
           "Correct them, then save."),
    "rule_handoff_timeout": Words(
        zh="交接时限须为 1 至 240 分钟：请改为此范围内的分钟数。",
        en="The hand-off time limit must be 1 to 240 minutes: enter a number of minutes in that range."),
    "rule_level": Words(
        zh="规则中有本程序不认识的分诊级别：请为该规则重新选择分诊级别。",
        en="A rule points to a decision level this program does not know: choose the rule's decision level again."),
    "risk_level": Words(
        zh="{area} 的风险等级须为中风险或高风险：请改正后重新导入。",
        en="The risk level of {area} must be medium or high: correct it and import again."),
    "risk_file_format": Words(
        zh="该文件不是风险地区清单：请使用 CSV（名称,等级[,起始日期]）或 JSON 列表。",
        en="The file is not a risk-area list: use CSV (name,level[,since]) or a JSON list."),
    "risk_file_row": Words(
        zh="风险地区文件第 {row} 行无效：需要地区名称和风险等级 medium/high（中风险/高风险）。请改正该行后重新导入。",
        en="Line {row} of the risk-area file is not valid: it needs an area name and the level medium/high (中风险/高风险)"
           ". Correct that line and import again."),
    "file_encoding": Words(
        zh="该文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本。请在 Excel 中另存为 CSV 或 .xlsx 后重试。",
        en="The file is neither UTF-8 nor GBK/GB18030 text. Save it from Excel as CSV or .xlsx and try again."),
    "file_unreadable": Words(
        zh="无法读取该文件：请检查文件是否仍在（U 盘是否插好），或另存一份后重试。",
        en="The file could not be read: check that it is still there (is the USB drive plugged in?), or save a copy "
           "and try again."),
    "csv_header": Words(
        zh="CSV 文件第一行的列名不正确：请改正第一行的列名后重新导入。",
        en="The CSV file's first line does not have the expected column names: correct them and import again."),
    # fever clinic casework
    "already_taken": Words(
        zh="该患者已由 {doctor} 医生接诊，由其首诊负责：如需接手，请联系该医生申请交接。",
        en="This patient has already been taken by doctor {doctor}, who is responsible for the case: to take over, "
           "ask that doctor for a hand-over."),
    "queue_empty": Words(
        zh="没有待叫号的患者：候诊的患者都已叫过号或已接诊。如需再次叫号，请选中该患者后点“重新叫号”。",
        en="Nobody is waiting to be called: every waiting patient has been called or taken. To call one again, "
           "select the patient and press Call again."),
    "not_waiting": Words(
        zh="就诊号 {visit_no} 不在候诊列表中（已接诊或尚未确认接收）：请刷新列表后再叫号。",
        en="Visit {visit_no} is not in the waiting list (already taken, or not yet received): reload the list, "
           "then call again."),
    "not_arrived": Words(
        zh="该患者尚未在发热门诊确认接收：请先确认接收该患者，再接诊。",
        en="This patient has not been received at the fever clinic yet: confirm the arrival first, then take the "
           "patient."),
    "not_responsible": Words(
        zh="只有责任医生（{doctor}）可以执行此操作。请联系该医生，或申请交接。",
        en="Only the responsible doctor ({doctor}) can do this. Ask them, or ask for a hand-over."),
    "handover_target": Words(
        zh="只能交接给在用的医生账户，请核对用户名。",
        en="Hand over to an active doctor's account: check the user name."),
    "handover_self": Words(
        zh="您已是本病例的责任医生，请选择其他医生。",
        en="You are already responsible for this case: choose another doctor."),
    "handover_pending": Words(
        zh="本病例已有一个交接申请在等待答复：请等待对方答复，或联系该医生。",
        en="A hand-over of this case is already waiting for an answer: wait for it, or ask the other doctor."),
    "handover_answered": Words(
        zh="此交接申请已答复：请刷新列表查看结果。",
        en="This hand-over has already been answered: reload the list to see the answer."),
    "not_handover_target": Words(
        zh="只有被交接的医生才能答复此交接申请：请联系该医生答复。",
        en="Only the doctor the case is handed to can answer this hand-over: ask that doctor to answer it."),
    "epi_field": Words(
        zh="流调内容含有本程序不认识的项目，未保存：请关闭流调表后重新打开并填写。",
        en="The interview contains a field this program does not know; nothing was saved. Close the interview form, "
           "open it again and fill it in."),
    "classification": Words(
        zh="请选择病例诊断分类。",
        en="Choose the case classification."),
    "not_reportable": Words(
        zh="只有疑似病例、确诊病例和无症状感染者需要网络直报，请先作出诊断分类。",
        en="Only suspected cases, confirmed cases and asymptomatic infections are reported to the network: "
           "classify the case first."),
    "time_in_future": Words(
        zh="时间不能晚于现在：请核对时间（以及本电脑的时钟）。",
        en="The time cannot be in the future: check the time (and this computer's clock)."),
    "time_too_early": Words(
        zh="时间过早：不能早于前一环节（登记、采样或诊断分类）。请核对后重新填写。",
        en="The time is too early: it cannot be before the step it follows (registration, sample or "
           "classification). Check it and enter it again."),
    "naive_time": Words(
        zh="时间缺少时区，未保存：请重新填写该时间；如仍出现，请联系本工作站的技术支持人员。",
        en="The time has no time zone; nothing was saved. Enter the time again; if this happens again, tell whoever "
           "supports this workstation."),
    "observation_required": Words(
        zh="核酸检测须在患者留观期间进行：请先安排留观室和床位。",
        en="A nucleic acid test needs the patient under observation: set the observation room and bed first."),
    "test_kind": Words(
        zh="请选择检测项目。",
        en="Choose the kind of test."),
    "population": Words(
        zh="请选择受检人群。",
        en="Choose who is being tested."),
    "test_result": Words(
        zh="请选择阴性、阳性或无效。",
        en="Choose negative, positive or invalid."),
    "ct_value": Words(
        zh="Ct 值须大于 0 且小于 50：请改正，或留空。",
        en="The Ct value must be greater than 0 and less than 50: correct it, or leave it empty."),
    "result_recorded": Words(
        zh="此检测已有结果，未覆盖：请刷新病例查看该结果；如原结果有误，请联系录入的人员。",
        en="This test already has a result; it was not overwritten. Reload the case to see it; if it is wrong, ask "
           "whoever entered it."),
    "disposition": Words(
        zh="请选择处置方式。",
        en="Choose the disposition."),
    "pending_result_reason": Words(
        zh="检测结果尚未出：请写明患者在结果出来前离开的原因。",
        en="A test result is still pending: write why the patient leaves before it is back."),
    "not_excluded": Words(
        zh="只有诊断为“排除”的病例才能转回普通门诊：请先作出诊断分类，或选择其他处置。",
        en="Only a case classified as excluded can go back to general outpatient: classify the case first, or "
           "choose another disposition."),
    "excluding_result": Words(
        zh="请选择据以排除的阴性检测结果。",
        en="Choose the negative test result that excludes the case."),
    "reportable_cannot_go_home": Words(
        zh="疑似病例、确诊病例和无症状感染者不得居家：请收住入院或转运至定点医院。",
        en="A suspected, confirmed or asymptomatic case cannot go home: admit or transfer the patient."),
    "buffer_room_required": Words(
        zh="未排除前，患者只能收入缓冲病区单间：请选择缓冲病区的单间。",
        en="Until the case is excluded, the patient must be admitted to a single room in the buffer ward: choose "
           "one."),
    "transfer_reason": Words(
        zh="非疑似病例、确诊病例或无症状感染者转运至定点医院，请填写原因。",
        en="Transferring a case that is not suspected, confirmed or asymptomatic needs a reason: write it in the "
           "reason field."),
    "transfer_via_request": Words(
        zh="转运至定点医院须通过转运申请登记（由其安排救护车），不能在此作为处置登记：请使用“申请转运定点医院”。",
        en="A transfer is recorded through the transfer request (which books the ambulance), not as a disposition "
           "here: use the transfer request instead."),
    "transfer_open": Words(
        zh="该病例已有进行中的转运：请查看转运看板。",
        en="This case already has an open transfer: see the transfer board."),
    "hospital_not_accepting": Words(
        zh="该医院目前不接收患者：请选择其他医院。",
        en="This hospital is not accepting patients at the moment: choose another one."),
    "hospital_exists": Words(
        zh="已存在名为{name}的医院：请换一个名称，或修改已有的那家。",
        en="A hospital named {name} already exists: use another name, or change the existing one."),
    "hospital_kind": Words(
        zh="请选择医院类型：定点医院、后备定点医院或定点发热门诊。",
        en="Choose the kind: designated hospital, backup hospital or designated fever clinic."),
    "condition": Words(
        zh="请选择患者病情：一般、病重或病危。",
        en="Choose the patient's condition: stable, serious or critical."),
    "transfer_target": Words(
        zh="每项时限目标须为 5 至 1440 分钟：请改为此范围内的分钟数。",
        en="Each time target must be from 5 to 1440 minutes: enter a number of minutes in that range."),
    "public_key": Words(
        zh="这不是有效的公钥：请粘贴对方机构提供的完整公钥。",
        en="This is not a valid public key: paste the whole key the other clinic gave you."),
    "wrong_clinic": Words(
        zh="该回执属于其他机构发出的转运，不是本机构的：请核对后扫描本机构转运的回执。",
        en="This receipt belongs to a transfer sent by another clinic, not by this one: check it and scan the "
           "receipt of this clinic's transfer."),
    "already_received": Words(
        zh="该转运患者已在本机构接收过，无需再次接收：请在列表中查看该患者。",
        en="This transferred patient has already been received here; nothing more is needed. See the patient in the "
           "list."),
    # signed QR codes (transfer handover and receipt)
    "bad_token": Words(
        zh="无法读取该二维码：内容不完整或不是发热哨点的二维码。请重新扫描。",
        en="The QR code could not be read: it is incomplete or not a Fever Sentinel code. Scan it again."),
    "unknown_key": Words(
        zh="该二维码由本机构尚未信任的机构签发。请管理员添加该机构的公钥，并与对方机构电话核实。",
        en="The QR code was signed by a clinic this site does not trust. Ask an administrator to add that clinic's "
           "public key, and call that clinic to check."),
    "bad_signature": Words(
        zh="二维码签名不符，无法核验该单据（可能被伪造或篡改）。请与签发机构电话核实。",
        en="The QR code's signature does not match, so the form could not be verified (it may have been forged or "
           "altered). Call the issuing clinic to check."),
    "issuer_mismatch": Words(
        zh="二维码自称来自 {claimed}，却由 {signer} 的密钥签名，内容不可信。请与签发机构电话核实。",
        en="The QR code says it comes from {claimed} but was signed by {signer}'s key, so its content cannot be "
           "trusted. Call the issuing clinic to check."),
    "expired": Words(
        zh="该二维码已过期：请到签发处重新签发并打印。",
        en="The QR code has expired: ask whoever issued it to issue and print a new one."),
    "wrong_kind": Words(
        zh="这是另一种用途的二维码（例如把通行证扫到了转运回执处）：请扫描本页需要的二维码。",
        en="This QR code is for something else (e.g. a permit scanned where a transfer receipt is expected): scan "
           "the code this page asks for."),
    # wards, permits and the gate
    "escort_exists": Words(
        zh="该患者已有有效陪护证：同一时间只能有一名陪护。如更换陪护人，请先作废原证。",
        en="This patient already has a valid escort permit: only one escort at a time. To change the escort, void "
           "the old permit first, then try again."),
    "visitor_overlap": Words(
        zh="该患者的另一张探视证与此时段重叠：探视人须逐一进入，请改选其他时段。",
        en="Another visitor permit for this patient overlaps this time: visitors come one at a time. Choose another "
           "time."),
    "visit_window": Words(
        zh="探视结束时间须晚于开始时间，且晚于当前时间：请改正探视时间。",
        en="The visiting time must end after it starts, and end in the future: correct the visiting time."),
    "escort_test_old": Words(
        zh="陪护人的核酸阴性结果须在 {hours} 小时以内：请重新采样检测后再签发陪护证。",
        en="The escort's negative nucleic acid test must be from the last {hours} hours: take a new test, then "
           "issue the permit."),
    "permit_not_active": Words(
        zh="该证件已失效（已作废或已补发），不能凭此证进入：请出示有效证件，或到病区护士站补办。",
        en="This permit is no longer valid (voided or replaced) and lets no one in: show the valid permit, or ask "
           "the ward's nurses for a new one."),
    "discharged": Words(
        zh="患者已出院，不能再签发证件：请核对所选患者。",
        en="The patient has been discharged: no permits can be issued. Check that the right patient is chosen."),
    "already_admitted": Words(
        zh="该患者已在住院，无需再次办理入院：请在病区列表中查看。",
        en="This patient is already admitted to a ward: see the ward list instead of admitting again."),
    "already_discharged": Words(
        zh="该患者已出院：请刷新列表。",
        en="This patient has already been discharged: reload the list."),
    "ward_exists": Words(
        zh="已存在名为 {name} 的病区：请换一个名称，或修改已有的病区。",
        en="A ward named {name} already exists: use another name, or change the existing ward."),
    "ward_type": Words(
        zh="请选择病区类型。",
        en="Choose the type of ward."),
    "gates": Words(
        zh="请至少填写一个门岗名称（多个用逗号分隔）。",
        en="Enter at least one gate name (separate several with commas)."),
    "nursing_level": Words(
        zh="请选择护理级别。",
        en="Choose the nursing level."),
    "exception_kind": Words(
        zh="请选择例外针对的规则。",
        en="Choose which rule the exception is for."),
    # daily report, early warning, county hub
    "report_day_not_over": Words(
        zh="当日结束后才能提交该日报告，请选择更早的日期。",
        en="A day's report can be submitted only after the day is over: choose an earlier day."),
    "report_submitted": Words(
        zh="该日报告已提交（第 {version} 版）。如需更改，请填写说明后提交更正。",
        en="This day's report is already submitted (version {version}). To change it, submit a correction "
           "with a note."),
    "correction_note": Words(
        zh="更正须填写说明：请写明原报告哪里有误（命令行：--note）。",
        en="A correction needs a note: write what was wrong in the original report (command line: --note)."),
    "already_acknowledged": Words(
        zh="该预警已由 {by} 确认处理，无需再次确认：请刷新预警列表。",
        en="This alert was already acknowledged by {by}; nothing more is needed. Reload the alerts."),
    "time_format": Words(
        zh="请按“时:分”填写时间，如 09:00。",
        en="Enter the time as hours and minutes, e.g. 09:00."),
    "hub_url": Words(
        zh="请先在“日报告”页的“县平台”栏中设置县平台地址（https://…；命令行：sync push --hub 地址）。",
        en="Set the county hub's address first (https://…) under \"County hub\" on the daily report page "
           "(command line: sync push --hub URL)."),
    "hub_unreachable": Words(
        zh="当前无法连接县平台。报告保留在待发送队列中，连接恢复后自动发送；如长时间无法连接，请联系县卫健局。",
        en="The county hub cannot be reached now. Reports stay queued and are sent when it is back; if it stays "
           "unreachable, call the county health bureau."),
    "ca_file": Words(
        zh="该文件不是证书。请向县里索取其 CA 根证书文件（.crt、.cer 或 .pem）。",
        en="This file is not a certificate. Ask the county for its CA (root) certificate file (.crt, .cer or "
           ".pem)."),
    # issue 12 — casework rules
    "nat_and_blood_routine_required": Words(
        zh="发热门诊患者均须进行核酸检测和血常规检测：请先开具这两项检测（患者留观等候）。",
        en="Every fever-clinic patient needs a nucleic acid test and a blood routine: order them first (the "
           "patient waits under observation)."),
    "nat_result_pending": Words(
        zh="核酸检测结果未出：患者须留观至结果明确。在此之前只能收入缓冲病区单人单间，或转运。若上次结果无效，请重新开具核酸检测。",
        en="The nucleic acid result is not in yet: the patient stays under observation until it is. Meanwhile "
           "the patient can only be admitted to a single room in the buffer ward, or transferred. If the last "
           "result was invalid, order a new test."),
    "reportable_transfer_only": Words(
        zh="疑似病例、确诊病例和无症状感染者只能转运至定点医院，不得以任何理由延迟：请申请转运。",
        en="A suspected, confirmed or asymptomatic case leaves only by transfer to the designated hospital, "
           "without delay: request the transfer."),
    "positive_transfer_only": Words(
        zh="该患者检测结果为阳性：请进行病例分类，2小时内网络直报，并申请转运至定点医院。",
        en="This patient has a positive result: classify the case, report it within 2 hours and request the "
           "transfer to the designated hospital."),
    "positive_reportable_only": Words(
        zh="该患者检测结果为阳性：只能分类为疑似病例、确诊病例或无症状感染者，请重新选择分类。",
        en="This patient has a positive result: classify the case as suspected, confirmed or asymptomatic."),
    "refer_mode_transfer_only": Words(
        zh="本机构为发热哨点诊室：所有发热患者均须转运至定点发热门诊。请申请转运。",
        en="This clinic is a sentinel room: every fever patient is referred to the designated fever clinic. "
           "Request the transfer."),
    "exclusion_needs_negative_nat": Words(
        zh="只有本次就诊的核酸检测阴性结果才能排除（抗原、抗体、血常规和CT不能作为排除依据）：请等待核酸检测结果。",
        en="Only a negative nucleic acid result of this visit excludes the case (antigen, antibody, blood "
           "routine and CT do not): wait for the result."),
    "exclusion_needs_two_negative_nat": Words(
        zh="疑似病例须连续两次核酸检测阴性（采样时间至少间隔{hours}小时）方可排除：请开具下一次核酸检测，或请医务负责人批准特例。",
        en="A suspected case is excluded after two negative nucleic acid results sampled at least {hours} "
           "hours apart: order the next test, or ask the medical director for an exception."),
    "classification_forward_only": Words(
        zh="病例分类只能向前推进，不能回退。如需更正，请医务负责人批准特例后在此选择该特例。",
        en="A classification only moves forward. To correct it, ask the medical director to approve an "
           "exception, then choose it here."),
    "exception_reason": Words(
        zh="请填写批准特例的原因（至少{minimum}个字）。",
        en="Write why the exception is approved (at least {minimum} characters)."),
    "exception_detail": Words(
        zh="请选择病例可变更为的分类。",
        en="Choose the classification the case may change to."),
    "exception_unknown": Words(
        zh="该特例不存在：请选择为本病例批准的特例。",
        en="This exception does not exist: choose one approved for this case."),
    "exception_self": Words(
        zh="这项特例是您本人批准的，须由第二人使用：请另一位医生（病例）或另一位工作人员（通行证）登录办理。",
        en="You approved this exception yourself, so a second person must use it: ask another doctor (for a case) "
           "or another staff member (for a permit) to sign in and do it."),
    "exception_used": Words(
        zh="该特例已使用。请医务负责人重新批准。",
        en="This exception has already been used. Ask the medical director for a new one."),
    "exception_mismatch": Words(
        zh="该特例是为其他病例或其他分类批准的：请选择为本病例本次变更批准的特例。",
        en="This exception was approved for another case or another classification: choose the one for this "
           "case and this change."),
    "exception_not_needed": Words(
        zh="此次分类变更无需特例：请不选特例直接分类。",
        en="This change needs no exception: classify without choosing one."),
    "not_an_incident": Words(
        zh="只有疑似病例、确诊病例、无症状感染者或检测阳性患者擅自离院才需作为事件报告：请在病例的处置中记录该患者离院。",
        en="Only a suspected, confirmed, asymptomatic or positive patient who left without permission is reported "
           "as an incident: use the case's disposition to record this patient leaving."),
    # issue 12 — transfers and responsibility
    "transfer_done": Words(
        zh="该患者已交接给接收医院：转运已完成，不能再次申请或重新开放。请在转运看板中查看该记录。",
        en="This patient has already been handed over to the receiving hospital: the transfer is finished and "
           "cannot be asked for again or reopened. See it on the transfer board."),
    "reassign_target": Words(
        zh="请从列表中选择一名在岗医生接管该病例。",
        en="Reassign the case to an active doctor's account: choose one from the list."),
    "reassign_same": Words(
        zh="该医生已是本病例的负责医生：请选择其他医生。",
        en="This doctor is already responsible for the case: choose another doctor."),
    # issue 12 — pre-triage and clinic mode
    "health_code_unchecked": Words(
        zh="请查验患者健康码，并选择绿码、黄码、红码或未出示。",
        en="Check the patient's health code and choose green, yellow, red or not shown."),
    "health_code_reason": Words(
        zh="患者未出示健康码：请写明原因（如：老人无智能手机）。",
        en="The patient showed no health code: write why (e.g. elderly, no smartphone)."),
    "id_number_taken": Words(
        zh="该证件号码属于另一位患者的档案（最近就诊号 {visit_no}）。请改用该档案，或核对号码。",
        en="This ID number belongs to another patient's record (last visit {visit_no}). Use that record, or "
           "check the number."),
    "clinic_mode": Words(
        zh="请选择本机构模式：发热哨点诊室（一律转运）或发热诊室（接诊）。",
        en="Choose how the clinic works: sentinel room (refers) or fever room (treats)."),
    "mode_unchanged": Words(
        zh="本机构已是此模式，未作更改。",
        en="The clinic already works this way; nothing was changed."),
    "mode_change_reason": Words(
        zh="更改本机构模式须写明原因：请填写至少 4 个字的原因，如县卫健局的决定。",
        en="Changing the clinic mode needs a reason: write one of at least 4 characters, e.g. the county's decision."),
    # issue 12 — wards, escorts and visitors
    "escort_test_negative_required": Words(
        zh="陪护人员须持核酸检测阴性结果：请填写采样日期时间及检测结果。结果阳性或缺少结果的，不能签发陪护证。",
        en="An escort needs a NEGATIVE nucleic acid test result: enter the test's date and time and its "
           "result. A positive or missing result cannot be accepted."),
    "escort_test_not_newer": Words(
        zh="该次检测不晚于已登记的检测：请填写更新的阴性结果。",
        en="This test is not newer than the one already recorded: enter the newer negative result."),
    "visit_reason_required": Words(
        zh="原则上不予现场探视，鼓励视频探视：请填写需要现场探视的事由，如病危告知。",
        en="In principle there are no on-site visits (video visits are encouraged): enter the reason this "
           "visit is needed, e.g. critical condition notice."),
    "visit_too_long": Words(
        zh="探视人数仅限1人，时间{minutes}分钟内：请缩短探视时段。",
        en="A visit lasts at most {minutes} minutes, one visitor at a time: shorten the visiting time."),
    "admission_needs_disposition": Words(
        zh="该患者的发热门诊病例尚未处置：请首诊医生先将处置记录为“收住入院”，再由病区办理入院。",
        en="This patient's fever-clinic case is still open: ask the responsible doctor to record the disposition "
           "\"admitted\" first, then admit the patient here."),
    "admission_nat_required": Words(
        zh="新入院患者须落实应检尽检：请填写核酸采样时间（发热门诊就诊患者请先在发热门诊开具核酸检测）。",
        en="Every new inpatient is tested: enter the time the nucleic acid sample was taken (for a "
           "fever-clinic visit, order the test in the fever clinic first)."),
    "admission_nat_old": Words(
        zh="核酸采样须在{hours}小时内：请重新采样并填写采样时间。",
        en="The nucleic acid sample must be from the last {hours} hours: take a new sample and enter its time."),
    "buffer_ward_first": Words(
        zh="该患者尚无核酸阴性结果：请先收入缓冲病区单人单间，或隔离留观病区，直至排除。",
        en="This patient has no negative nucleic acid result yet: admit to the buffer ward (single room) first, or "
           "to the isolation observation ward, until excluded."),
    "reportable_not_admitted": Words(
        zh="疑似病例、确诊病例、无症状感染者或核酸阳性者不得在本机构收住：请申请转运至定点医院。",
        en="A suspected, confirmed or asymptomatic case, or a positive result, is not admitted here: request "
           "the transfer to the designated hospital."),
    "nat_result": Words(
        zh="请选择核酸结果：阴性、阳性或结果未出。",
        en="Choose the nucleic acid result: negative, positive, or not known yet."),
    # issue 12 — antipyretic register
    "buyer_phone_required": Words(
        zh="请填写购药人的联系电话：每位购药人都要登记并电话回访。",
        en="Enter the buyer's phone number: every buyer is registered and called back."),
    "prescription": Words(
        zh="请选择购药人有无处方，以及开方医疗机构的级别。",
        en="Choose whether the buyer has a prescription, and from what kind of institution."),
    "prescriber_required": Words(
        zh="请填写开方医生，或选择“无处方”。",
        en="Enter the doctor who wrote the prescription, or choose \"No prescription\"."),
    "prescriber_institution_required": Words(
        zh="请填写开方医疗机构，或选择“无处方”。",
        en="Enter the institution where the prescription was written, or choose \"No prescription\"."),
    "callback_outcome": Words(
        zh="请选择回访结果。",
        en="Choose the outcome of the call."),
    # issue 12 — daily report and rule figures
    "figure_unknown": Words(
        zh="该数值不能在本页修改：请重新载入本页，在其所示页面修改。",
        en="This figure is not one the rules page can change here: reload the page and change it where it is "
           "shown."),
    # issue 12 — casework desk
    "approver_not_allowed": Words(
        zh="{approver} 没有批准特例的权限：请由医务负责人（管理员）作为第二人在此登录。",
        en="{approver} may not approve exceptions: ask the medical director (an administrator) to sign in here as "
           "the second person."),
    # issue 13 — desk keys and trust
    "desk_not_enrolled": Words(
        zh="本工作站的签名密钥尚未登记，不能签发通行证、转运交接单，也不能报送：请管理员在“数据维护”页（工作站密钥）登记本工作站。",
        en="This desk's signing key is not enrolled yet, so it cannot sign permits, transfer forms or "
           "reports: ask the administrator to enrol this desk on the Data maintenance page (Workstation keys)."),
    "desk_revoked": Words(
        zh="本工作站的签名密钥已被作废，不再签发任何文书。请联系本机构管理员；已作废的密钥不能再次登记（新的数据目录会生成新密钥）。",
        en="This desk's signing key was revoked: it signs nothing any more. Ask the clinic's administrator; a "
           "revoked key cannot be enrolled again (a new data directory makes a new key)."),
    "clinic_key_not_here": Words(
        zh="登记工作站需要本机构密钥，而本工作站没有：请在建立本机构的那台工作站上登记。",
        en="Desks are enrolled with the clinic key, which is not on this desk: enrol from the desk where the "
           "clinic was set up."),
    "desk_not_pending": Words(
        zh="该工作站密钥已登记或已作废：列表已刷新，请重新选择。",
        en="This desk key is already enrolled or revoked: the list has been reloaded. Choose again."),
    "desk_revoked_already": Words(
        zh="该工作站密钥已作废：列表已刷新，请重新选择。",
        en="This desk key is already revoked: the list has been reloaded. Choose again."),
    "desk_purpose": Words(
        zh="请选择该工作站密钥可签发的内容：通行证、转运交接单与回执、向县级平台报送。",
        en="Choose what the desk key may sign: permits, transfer forms and receipts, hub reports."),
    "revoke_reason": Words(
        zh="请填写作废该工作站密钥的原因（2至200个字），例如电脑丢失。",
        en="Enter why the desk key is revoked (2 to 200 characters), e.g. the computer was lost."),
    "trust_purpose": Words(
        zh="其他机构的密钥只用于核验其转运交接单与回执：请选择“转运”。",
        en="Another clinic's key is trusted only for its transfer forms and receipts: choose \"transfer\"."),
    "unknown_clinic": Words(
        zh="县级平台不认识本机构：请县级管理员登记本机构的公钥（fever-sentinel clinic public-key）。",
        en="The county hub does not know this clinic: ask the county to register the clinic's public key "
           "(fever-sentinel clinic public-key)."),
    "bad_enrolment": Words(
        zh="随签名发送的工作站登记不是由机构密钥签发的：请在“数据维护”页重新登记该工作站。",
        en="The desk enrolment sent with this signature is not signed by the clinic key: enrol the desk again "
           "on the Data maintenance page."),
    # issue 13 — the gate
    # issue 13 — audit anchor
    "hub_key_mismatch": Words(
        zh="该应答的签名不是本机构已固定的县级平台公钥，已拒绝并记录。请县级平台宣读其公钥指纹，与审计页面显示的指纹核对后再设置新公钥。",
        en="The answer was signed by a key other than the county hub's key pinned here: it was refused and "
           "recorded. Ask the county to read out the hub's key (fingerprint) and compare it with the one on "
           "the audit page before setting a new one."),
    "hub_key_format": Words(
        zh="这不是县级平台公钥：请完整复制县级平台用 \"hub public-key\" 打印的公钥。",
        en="This is not a hub public key: copy the whole key the hub prints with \"hub public-key\"."),
    "hub_anchors_refused": Words(
        zh="县级平台未提供本机构的审计锚点（应答 {status}）：请确认本机构已在县级平台登记、本工作站密钥已登记，然后重试。",
        en="The county hub did not give this clinic's audit anchors (answer {status}): check that the clinic "
           "is registered at the hub and this desk is enrolled, then try again."),
    # issue 13 — county hub doors
    "list_item": Words(
        zh="清单第 {item} 项的“{field}”有误（{reason}），整份清单未发布。请改正后重新发布。",
        en="Item {item} of the list has a wrong \"{field}\" ({reason}); nothing was published. Correct it and "
           "publish the list again."),
    "list_duplicate": Words(
        zh="清单第 {item} 项与第 {first} 项名称重复，整份清单未发布。请只保留其中一项后重新发布。",
        en="Item {item} repeats the name of item {first}; nothing was published. Keep one of them and publish "
           "the list again."),
    "list_format": Words(
        zh="该文件不是县级平台可发布的清单（{reason}），未发布任何内容。请改为 JSON 对象列表（风险地区也可用 CSV“名称,等级[,起始日期]”）后重新发布。",
        en="The file is not a list the county hub can publish ({reason}); nothing was published. Make it a JSON "
           "list of objects (or, for risk areas, the CSV \"name,level[,since]\") and publish again."),
    "automatic_not_allowed": Words(
        zh="系统自动提交只能提交逾期的日报告并发送待发内容：此操作请由有相应权限的人员登录后办理。",
        en="The automatic submission only submits overdue daily reports and delivers what is queued: ask a person "
           "who has the right to log in and do it."),
    # issue 13 — privacy
    "control_characters": Words(
        zh="文字中含有不可见字符或控制字符（第 {position} 个字符，{code_point}），多为复制粘贴带入：请删除后重新输入。",
        en="This text holds an invisible or control character (character {position}, {code_point}), often "
           "from copying and pasting: delete the text and type it again."),
    # issue 14 — failing clearly
    "db_auth_failed": Words(
        zh="数据库服务器拒绝了用户名或密码。请与数据库服务器的管理人员核对本工作站设置的用户名和密码。",
        en="The database server refused the user name or password. Check the user and password set for this "
           "desk with whoever runs the database server."),
    "db_missing": Words(
        zh="服务器上没有数据库 {database}。请检查本工作站设置的数据库名称，或请数据库服务器的管理人员建立该数据库。",
        en="The database {database} does not exist on the server. Check the database name set for this desk, "
           "or ask whoever runs the database server to create it."),
    "db_url_malformed": Words(
        zh="本工作站设置的数据库地址无效：请联系当初设置共用数据库的技术人员改正，或留空以使用本机自带的数据库文件。",
        en="The database address set for this desk is not valid: ask whoever set up the shared database to correct "
           "it, or leave it empty to use this computer's own database file."),
    # issue 14 — data directory and backups
    "backup_exists": Words(
        zh="文件 {path} 已存在，未写入任何内容。请换一个文件名（或在命令行用 --force 覆盖）。",
        en="The file {path} exists already; nothing was written. Choose another name (or, on the command "
           "line, overwrite it with --force)."),
    "backup_out_is_folder": Words(
        zh="{path} 是文件夹：请给备份一个文件名。",
        en="{path} is a folder: give a file name for the backup."),
    "no_signing_keys": Words(
        zh="本工作站的密钥文件夹中没有可放入备份的签名密钥：请联系本机构管理员。",
        en="There is no signing key in this desk's keys folder to put in the backup: ask the clinic's administrator."),
    "passphrase_too_short": Words(
        zh="口令至少需要 {minimum} 个字符：请输入更长的口令。",
        en="The passphrase must have at least {minimum} characters: enter a longer one."),
    "backup_keys_missing": Words(
        zh="未找到该备份的密钥文件 {path}，未恢复任何内容。请不带密钥恢复，或把 .keys 文件放在备份文件旁边。",
        en="The key file {path} of this backup was not found; nothing was restored. Restore without the keys, "
           "or put the .keys file beside the backup."),
    "backup_keys_format": Words(
        zh="备份旁的密钥文件已损坏或不是密钥文件，未恢复任何内容：请不带密钥恢复，或找回备份时一同保存的 .keys 文件。",
        en="The key file beside the backup is damaged or not a key file; nothing was restored. Restore without the "
           "keys, or find the .keys file saved with the backup."),
    "backup_keys_other_clinic": Words(
        zh="该密钥文件属于其他机构（{clinic}），未恢复任何内容：请使用与本机构备份一同保存的密钥文件。",
        en="The key file belongs to another clinic ({clinic}); nothing was restored. Use the key file saved with "
           "this clinic's backup."),
    "key_passphrase_wrong": Words(
        zh="签名密钥的口令错误（或密钥文件被改动过），未恢复任何内容。请输入备份时设定的口令。",
        en="Wrong passphrase for the signing keys (or the key file was changed); nothing was restored. Type "
           "the passphrase given when the backup was made."),
    "restore_not_confirmed": Words(
        zh="未确认：须准确输入本机构代码 {clinic} 才能恢复，数据未作任何改动。",
        en="Not confirmed: type the clinic code {clinic} exactly to restore; nothing was changed."),
    "restore_needs_yes": Words(
        zh="恢复必须经过确认：请在终端中运行，或在脚本中加 --yes；数据未作任何改动。",
        en="A restore must be confirmed: run it on a terminal, or add --yes in a script; nothing was changed."),
    "automatic_only": Words(
        zh="只有本工作站的自动备份可以这样做；请改用“立即备份”。",
        en="Only this desk's automatic backup may do this; use \"Back up now\" instead."),
    "backup_folder_missing": Words(
        zh="备份文件夹 {path} 不存在（U 盘是否已插好？）。请插好 U 盘，或在“数据维护”页选择其他文件夹。",
        en="The backup folder {path} is not there (is the USB drive plugged in?). Plug it in or choose "
           "another folder on the Data maintenance page."),
    # issue 14 — configuration, version and small truths
    "config_malformed": Words(
        zh="本机配置文件 {file} 第 {line} 行有误（{reason}）。请管理员改正该行；未打开任何数据。",
        en="The machine configuration file {file} has a mistake at line {line} ({reason}). Ask the "
           "administrator to correct that line; nothing was opened."),
    "config_value": Words(
        zh="本机配置文件 {file} 中的“{key}”有误（{reason}）。请管理员改正（可用的项："
           "data_dir、不含密码的 db_url、db_password_file）；未打开任何数据。",
        en="The machine configuration file {file} has a wrong \"{key}\" ({reason}). Ask the administrator to "
           "correct it (allowed: data_dir, db_url without a password, db_password_file); nothing was opened."),
    "config_unreadable": Words(
        zh="本电脑的当前账户无法读取本机配置文件 {file}（{reason}）。请管理员让本工作站的每个账户都能读取该文件。",
        en="The machine configuration file {file} cannot be read by this Windows/computer account ({reason}). "
           "Ask the administrator to let every account of this desk read it."),
    "password_file_open": Words(
        zh="数据库密码文件 {file} 本机所有人都能读取，因此未使用。请管理员将其设为仅所有者可读（chmod 600）。",
        en="The database password file {file} can be read by everyone on this computer, so it was not used. "
           "Ask the administrator to make it readable only by its owner (chmod 600)."),
    "password_file_missing": Words(
        zh="无法读取本机配置中指定的数据库密码文件 {file}（{reason}）。请管理员恢复该文件或改正 db_password_file。",
        en="The database password file {file} named in the machine configuration cannot be read ({reason}). "
           "Ask the administrator to put it back or correct db_password_file."),
    "password_file_empty": Words(
        zh="数据库密码文件 {file} 是空的。请管理员在第一行写入数据库密码。",
        en="The database password file {file} is empty. Ask the administrator to write the database password "
           "on its first line."),
    "before_clinic": Words(
        zh="{day} 早于本机构启用的第一天（{first_day}），没有该日的报告。请选择之后的日期。",
        en="{day} is before this clinic's first day ({first_day}): there is no report for it. Choose a later "
           "day."),
    "port_in_use": Words(
        zh="本机端口 {port} 已被占用（县级平台是否已在运行？）。请停止占用该端口的程序，或换一个端口。",
        en="Port {port} is already in use on this computer (is the county hub already running?). Stop the "
           "other program or choose another port."),
    "port_unavailable": Words(
        zh="县级平台无法在 {host} 的端口 {port} 上监听（{reason}）。请检查地址；1024 以下的端口需要管理员权限。",
        en="The county hub cannot listen on {host} port {port} ({reason}). Check the address; ports below "
           "1024 need an administrator."),
    # issue 14 — paper import and risk areas
    "risk_areas_shrink": Words(
        zh="新的中高风险地区清单有 {new} 个地区，当前清单有 {old} 个。空白或不完整的文件会使有高风险地"
           "区旅居史的患者不再被引导至发热门诊：请检查文件，或确认后仍然替换（命令行：--force）。",
        en="The new risk-area list has {new} areas; the current one has {old}. An empty or truncated file "
           "would stop high-risk travel from sending patients to the fever clinic: check the file, or confirm "
           "to replace the list anyway (command line: --force)."),
    "file_format": Words(
        zh="该文件既不是 CSV 文件，也不是可读取的 Excel 工作簿（.xlsx）。请在 Excel 中另存为 .xlsx 或 CSV 后重试。",
        en="The file is neither a CSV file nor an Excel workbook (.xlsx) that can be read. Save it again from "
           "Excel as .xlsx or CSV and try again."),
    "yes_no": Words(
        zh="请填写“是”或“否”。",
        en="Write 是 (yes) or 否 (no)."),
    "travel_area": Words(
        zh="请写明旅居的每个地区（如 广东省广州市白云区）：只写“有”无法判断风险等级。",
        en="Write each area stayed in (e.g. 广东省广州市白云区): \"yes\" does not say which risk level applies."),
    # words whose sentence a chooser below may replace (this is the fallback when the details say nothing)
    "stale_edit": Words(
        zh="在此期间其他人修改了该账户，已重新加载。请核对后再保存。",
        en="Someone else changed this account in the meantime; it has been reloaded. Check it, then save again."),
    "not_found": Words(
        zh="该记录已不存在，请刷新页面后重新选择。",
        en="The record no longer exists: reload the page and choose again."),
    "bad_credentials": Words(
        zh="用户名或密码错误：请核对后重新输入。",
        en="Wrong user name or password: check them and try again."),
    "account_locked": Words(
        zh="密码错误次数过多：账户已锁定至 {time}。请届时再试，或请管理员提前解锁。",
        en="Too many wrong passwords: the account is locked until {time}. Try again then, or ask an "
           "administrator to unlock it sooner."),
    "case_closed": Words(
        zh="此病例已结案（{disposition}），不能再修改：请刷新病例查看。",
        en="This case is already closed ({disposition}) and cannot be changed: reload the case to see it."),
    "illegal_transition": Words(
        zh="该转运已是“{current}”，不能再变为“{requested}”。已重新载入，请核对当前状态后再操作。",
        en="This transfer is already \"{current}\": it cannot become \"{requested}\". It has been reloaded: check "
           "its state, then carry on."),
    "escort_refused": Words(
        zh="按规定该患者不允许陪护（{needs}）。如确需陪护，请管理员批准例外。",
        en="The rules do not allow an escort for this patient ({needs}). If one is needed, ask an administrator to "
           "approve an exception."),
    "visitor_refused": Words(
        zh="按规定该患者不允许探视（{needs}）。如确需探视，请管理员批准例外。",
        en="The rules do not allow visitors for this patient ({needs}). If a visit is needed, ask an administrator "
           "to approve an exception."),
    "hub_certificate": Words(
        zh="本机不信任县平台的证书。请向县里索取其 CA 根证书文件，并在“日报告”页的“县平台”栏中设置"
           "（命令行：sync push --ca-file 文件）。",
        en="The county hub's certificate is not trusted on this computer. Ask the county for its CA (root) "
           "certificate file and set it under \"County hub\" on the daily report page (command line: sync push "
           "--ca-file FILE)."),
    "incident_reported": Words(
        zh="该事件已报告（报告至：{to}）。",
        en="This incident has already been reported (to {to})."),
    "time_before_previous_step": Words(
        zh="时间不能早于上一环节（{previous}）：请核对后重新填写。",
        en="The time cannot be earlier than the previous step ({previous}): check the time and enter it again."),
    "doctor_has_open_cases": Words(
        zh="{username} 仍负责 {count} 个未结病例（{visits}）。请先改派给其他医生，或确认已查看该列表后再停用。",
        en="{username} is still responsible for {count} open case(s) ({visits}). Reassign them to another "
           "doctor first, or confirm that you have seen the list."),
    "followup_closed": Words(
        zh="该购药人已不在追踪名单中，名单已刷新：请选择下一位购药人。",
        en="This buyer is no longer on the follow-up list: the list has been reloaded. Choose the next buyer."),
    "hub_list_invalid": Words(
        zh="县级下发的{list}有误（{field}）。两份清单均未更新，本机构现有清单保持不变。请告知县级平台更正后重新下发，再重新同步。",
        en="The county's {list} is wrong ({field}). Neither list was applied; the lists here are unchanged. Tell "
           "the county so it publishes a corrected list, then pull again."),
    # raised where only the command line or the county hub says them
    "empty_password": Words(
        zh="未读到密码：请在提示时输入密码，或在脚本中把密码作为第一行从标准输入传入。",
        en="No password was given: type it when asked, or in a script give it as the first line on standard "
           "input."),
    "password_mismatch": Words(
        zh="两次输入的密码不一致：请重新运行命令，两次输入相同的密码。",
        en="The two passwords differ: run the command again and type the same password twice."),
    "min_sd": Words(
        zh="--min-sd 必须大于 0：请给出一个正数。",
        en="--min-sd must be greater than 0: give a positive number."),
    "series_row": Words(
        zh="序列文件第 {row} 行不是“日期(YYYY-MM-DD),人次”格式，或人次小于 0：请更正该行后重试。",
        en="Line {row} of the series is not \"YYYY-MM-DD,count\" with a count of 0 or more: correct that line "
           "and try again."),
    "series_gap": Words(
        zh="序列须每天一行、日期连续，第 {row} 行之前缺少日期：请补上缺少的日期（人次填 0）后重试。",
        en="The series needs one line per day with no gaps; days are missing before line {row}: add them (with "
           "a count of 0) and try again."),
    "list_name": Words(
        zh="没有这个名称的县级清单：请使用 risk-areas（中高风险地区）或 hospitals（定点医院）。",
        en="There is no county list of that name: use risk-areas or hospitals."),
    "report_body": Words(
        zh="县平台无法读取本机构发送的报告，未保存任何内容。请将本机升级到与县平台相同的发热哨点工作站版本后重新发送。",
        en="The county hub could not read the report this clinic sent; nothing was stored. Install the Fever "
           "Sentinel release the county uses, then send again."),
    "idempotency_key_reused": Words(
        zh="县平台已收到编号相同但内容不同的一次报送，本次未保存。请联系县级平台的技术人员核对。",
        en="The county hub already holds a different submission under the same number; this one was not stored. "
           "Ask the county's technical staff to check it."),
    "report_version_exists": Words(
        zh="县平台已有 {date} 报告的第 {version} 版，本次未保存。如需修改，请提交更正（新版本）。",
        en="The county hub already has version {version} of the report for {date}; this one was not stored. To "
           "change it, submit a correction (a new version)."),
    "naive_datetime": Words(
        zh="程序传入的时间缺少时区，操作未执行。请将此情况告知本工作站的技术支持人员。",
        en="The program passed a time without a time zone, so nothing was done. Tell whoever supports this "
           "workstation."),
    "tls_pair": Words(
        zh="请同时给出 --tls-cert 和 --tls-key（县平台的证书及其私钥）。",
        en="Give both --tls-cert and --tls-key (the hub's certificate and its private key)."),
    "tls_file": Words(
        zh="无法读取证书或私钥文件 {path}（{reason}）：请检查路径，并确认县平台所用账户可以读取该文件。",
        en="The certificate or key file {path} cannot be read ({reason}): check the path and that the hub's "
           "account may read it."),
    "tls_file_format": Words(
        zh="{path} 不是 PEM 格式的证书或私钥，或私钥设有密码（{reason}）：请给出不加密、仅县平台账户可读的 PEM 私钥"
           "及其证书。",
        en="{path} is not a PEM certificate or key, or the key is protected by a password ({reason}): give the "
           "certificate and an unencrypted PEM key readable only by the hub's account."),
    "tls_key_mismatch": Words(
        zh="私钥 {key} 与证书 {cert} 不匹配：请给出签发该证书时所用的私钥。",
        en="The private key {key} does not belong to the certificate {cert}: give the key the certificate was "
           "made for."),
    "db_schema_unrecognised": Words(
        zh="县平台数据库 {database} 中有本版本不认识的表，未做任何更改。请确认 --db-url 指向县平台自己的数据库，"
           "或联系数据库服务器的管理人员。",
        en="The county hub's database {database} has tables this release does not recognise; nothing was "
           "changed. Check that --db-url names the hub's own database, or ask whoever runs the database server."),
    "login_required": Words(
        zh="县级平台要求先登录：请用县级账户在平台页面登录后重试。",
        en="The county hub asks for a log-in: log in on the hub's page with a county account, then try again."),
    "role_required": Words(
        zh="您的县级平台账户无权执行此操作：请联系县级平台管理员分配相应角色。",
        en="Your county hub account may not do this: ask the county hub's administrator for the right role."),
    "missing_headers": Words(
        zh="发往县级平台的请求缺少本机构的签名，未保存任何内容。请将本机升级到与县平台相同的版本后重新发送。",
        en="The request to the county hub lacked this clinic's signature; nothing was stored. Install the Fever "
           "Sentinel release the county uses, then send again."),
    "internal": Words(
        zh="县级平台出现意外错误，未保存任何内容。请稍后重试；如仍不行，请告知县级平台的技术人员（详情见平台日志）。",
        en="The county hub met an unexpected error; nothing was stored. Try again later; if it happens again, tell "
           "the county's technical staff (the details are in the hub's log)."),
    "error": Words(
        zh="操作未能完成。请再试一次；如仍不行，请告知本工作站的技术支持人员。",
        en="This could not be done. Try again; if it happens again, tell whoever supports this workstation."),
    # issue 15 — new codes from other parts go below
    **_SEVERITY_ERRORS,  # issue 17: vital signs, NEWS2, fever-sentinel severity
    **_STAFF_ERRORS,  # issue 18: key-post staff testing, environmental swabs
    **_STOCK_ERRORS,  # issue 18: the stockpile
    # issue 18 — sneakernet: files carried to and from the county (app/reporting/sneakernet.py, app/hub/sneakernet.py)
    "sneakernet_file": Words(
        zh="这不是发热哨点工作站的{what}文件（或文件已损坏），未导入任何内容。请确认选的是对方交来的原文件（不要用其他软件打开后另存），"
           "或请对方重新导出一份。",
        en="This is not a Fever Sentinel {what} file (or it is damaged); nothing was imported. Check that you chose "
           "the file exactly as it was handed over (not opened and re-saved in another program), or ask for a new "
           "export."),
    "sneakernet_tampered": Words(
        zh="这份{what}文件在导出后被改动过（签名或摘要不符），已拒绝，未导入任何内容。请对方重新导出一份，用 U 盘原样拷贝，不要打开修改。",
        en="This {what} file was changed after it was exported (its signature or digest does not match); it was "
           "refused and nothing was imported. Ask for a new export and copy it to the USB drive as it is, without "
           "opening or editing it."),
    "sneakernet_other_clinic": Words(
        zh="这份回执是发给机构 {clinic} 的，不是本机构（{mine}）的，未导入任何内容。请向县级平台索取本机构的回执。",
        en="This receipt is for clinic {clinic}, not this clinic ({mine}); nothing was imported. Ask the county "
           "for this clinic's receipt."),
    "sneakernet_unknown_clinic": Words(
        zh="本县级平台尚未登记机构 {clinic}，该文件未导入任何内容。请先用 hub add-clinic 登记该机构的公钥，再导入此文件。",
        en="Clinic {clinic} is not registered at this county hub; nothing in the file was imported. Register "
           "the clinic's public key first (hub add-clinic), then import the file again."),
    "hub_lists_unsigned": Words(
        zh="县级平台发来的清单没有有效签名（平台版本较旧，或在传输途中被改动），已拒绝，本机清单未做任何更改。"
           "请县级平台升级到与本机相同的版本后再拉取；仍出现时请县级技术人员检查网络。",
        en="The county's lists came without a valid signature (an older hub, or changed on the way): refused, "
           "nothing changed here. Ask the county to upgrade the hub to this version and pull again; if it happens "
           "again, ask the county's technical staff to check the network."),
    "hub_key_unknown": Words(
        zh="本机尚未固定县级平台公钥，无法核验这份{what}文件，未导入任何内容。请县级平台用 hub public-key 宣读公钥，"
           "由管理员在本机用 sync hub-key 设置后再导入。",
        en="No county hub key is pinned here, so this {what} file cannot be checked; nothing was imported. Ask "
           "the county to read out its key (hub public-key), set it here with sync hub-key, then import again."),
    "outbox_empty": Words(
        zh="没有待报送的内容，未生成文件。无需携带 U 盘；如需报送某日报告，请先提交该日报告再导出。",
        en="Nothing is waiting to be sent, so no file was made. There is nothing to carry; to send a day's "
           "report, submit it first and export again."),
    "receipt_gone": Words(
        zh="县级平台上没有这份回执（链接有误）。请重新导入同一文件：不会重复保存，并会得到同一份回执。",
        en="The county hub holds no such receipt (the link is wrong). Import the same file again: nothing is "
           "stored twice and you get the same receipt."),
    "file_unwritable": Words(
        zh="无法写入文件 {path}：请检查 U 盘是否插好、是否写保护或已满，然后重新导出。",
        en="The file {path} could not be written: check that the USB drive is plugged in, not write-protected "
           "and not full, then export again."),
}
SNEAKERNET_FILES: dict[str, Words] = {  # which file a sneakernet error is about
    "outbox": Words("待报送", "outbox"),
    "receipt": Words("回执", "receipt"),
    "lists": Words("县级清单", "county lists"),
}

UNKNOWN = ERRORS["error"]
"""For a code without words of its own (the completeness test keeps this from happening)."""
UNEXPECTED = Words(
    zh="发生意外错误，详细信息已写入日志。请将日志发给本工作站的技术支持人员。",
    en="Something unexpected went wrong. The details were written to the log: send it to whoever supports this "
       "workstation.")
UNEXPECTED_LOG = Words(
    zh="发生意外错误，详细信息已写入日志文件 {path}：请将其发给本工作站的技术支持人员。",
    en="Something unexpected went wrong. The details were written to the log file {path}: send it to whoever "
       "supports this workstation.")

TITLES: dict[str, Words] = {  # by the error's class: the heading of a message box
    "ValidationError": Words("请检查输入", "Please check the input"),
    "AuthError": Words("不允许", "Not allowed"),
    "PermissionDenied": Words("不允许", "Not allowed"),
    "StaleEdit": Words("已被他人修改", "Changed elsewhere"),
    "Conflict": Words("已存在", "Already exists"),
    "StorageError": Words("数据存储问题", "Data storage problem"),
    "NotFound": Words("未找到", "Not found"),
    "FeverSentinelError": Words("错误", "Error"),
}

# Figures a sentence needs when the error did not carry them (the rule's usual value, or a neutral sign).
_DEFAULTS: dict[str, Fields] = {
    "password_too_short": {"minimum": 8},
    "username_taken": {"username": ""},
    "user": {"username": ""},
    "network_share": {"path": ""},
    "backup_missing": {"path": ""},
    "key_missing": {"path": ""},
    "key_invalid": {"path": ""},
    "temperature_range": {"minimum": 34.0, "maximum": 43.0},
    "handoff_open": {"visit_no": ""},
    "already_arrived": {"visit_no": ""},
    "handoff_closed": {"visit_no": ""},
    "not_waiting": {"visit_no": ""},
    "hospital_exists": {"name": ""},
    "escort_test_old": {"hours": 48},
    "ward_exists": {"name": ""},
    "exclusion_needs_two_negative_nat": {"hours": 24},
    "exception_reason": {"minimum": 4},
    "id_number_taken": {"visit_no": "—"},
    "visit_too_long": {"minutes": 30},
    "admission_nat_old": {"hours": 48},
    "db_missing": {"database": ""},
    "backup_exists": {"path": ""},
    "backup_out_is_folder": {"path": ""},
    "passphrase_too_short": {"minimum": 8},
    "backup_keys_missing": {"path": ""},
    "restore_not_confirmed": {"clinic": ""},
    "backup_folder_missing": {"path": ""},
}

# ----- sentences that depend on the details ---------------------------------------------------------------------

_STALE: dict[tuple[str, str], Words] = {
    ("entity", "patient"): Words(
        zh="其他人刚刚修改了该患者的信息。请重新选择该患者后再保存。",
        en="Someone else changed this patient's details in the meantime. Pick the patient again, then save."),
    ("entity", "case"): Words(
        zh="此病例已被他人修改，已重新载入。请核对后再保存。",
        en="Someone else changed this case in the meantime; it has been reloaded. Check it, then save again."),
    ("entity", "test"): Words(
        zh="此检测已被他人录入，已重新载入。请核对结果。",
        en="Someone else recorded this test in the meantime; it has been reloaded. Check the result."),
    ("key", "triage.rules"): Words(
        zh="其他人刚刚修改了分诊规则，已重新载入。请核对后再修改。",
        en="Someone else changed the screening rules in the meantime; they have been reloaded. Check them, then "
           "change them again."),
    ("entity", "transfer"): Words(
        zh="其他人刚刚更新了这条转运记录，已重新载入。请核对后再操作。",
        en="Someone else updated this transfer in the meantime; it has been reloaded. Check it, then try again."),
    ("entity", "hospital"): Words(
        zh="其他人刚刚修改了这家医院，列表已重新载入。请核对后再修改。",
        en="Someone else changed this hospital in the meantime; the list has been reloaded. Check it, then "
           "change it again."),
    ("key", "transfer.targets"): Words(
        zh="其他人刚刚修改了转运时限目标，已重新载入。请核对后再修改。",
        en="Someone else changed the transfer time targets in the meantime; they have been reloaded. Check them, "
           "then change them again."),
}

_MISSING: dict[str, Words] = {  # not_found, by the entity
    "visit": Words(zh="未找到就诊号 {visit_no}，请核对后重新输入或扫码。",
                   en="No visit with the number {visit_no} was found: check the number, or scan it again."),
    "handoff": Words(zh="就诊号 {visit_no} 未曾引导前往发热门诊，请核对就诊号。",
                     en="Visit {visit_no} was never sent to the fever clinic: check the visit number."),
    "patient": Words(zh="该患者的档案已不存在，请重新查找该患者。",
                     en="This patient's record no longer exists: look the patient up again."),
    "screening": Words(zh="这次筛查记录已不存在，请刷新列表。",
                       en="This screening no longer exists: reload the list."),
    "case": Words(zh="就诊 {visit_no} 尚无医生接诊，没有病例记录：请先接诊。",
                  en="No doctor has taken visit {visit_no} yet: there is no case record. Take the patient first."),
    "test": Words(zh="此检测单已不存在，请刷新病例。", en="This test order no longer exists: reload the case."),
    "handover": Words(zh="此交接申请已不存在，请刷新列表。", en="This hand-over no longer exists: reload the list."),
    "transfer": Words(zh="本机构找不到这条转运记录，请刷新转运看板。",
                      en="This transfer was not found here: reload the transfer board."),
    "hospital": Words(zh="该医院已不存在，请刷新列表后重新选择。",
                      en="This hospital no longer exists: reload the list and choose again."),
    "trusted_clinic": Words(zh="{code} 已不在信任机构名单中，名单已刷新：请重新选择。",
                            en="{code} is not among the trusted clinics (any more): the list has been reloaded. "
                               "Choose again."),
    "ward": Words(zh="该病区已不存在，请刷新列表后重新选择。",
                  en="This ward no longer exists: reload the list and choose again."),
    "admission": Words(zh="该住院记录已不存在，请刷新列表。", en="This admission no longer exists: reload the list."),
    "report": Words(zh="{day} 的报告尚未提交，请先提交。",
                    en="No report for {day} has been submitted yet: submit it first."),
    "alert": Words(zh="该预警已不存在，请刷新预警列表。", en="This alert no longer exists: reload the alerts."),
    "permit": Words(zh="未找到证号为 {number} 的证件，请核对证号或重新扫码。",
                    en="No permit with the number {number} was found: check the number, or scan it again."),
    **_STAFF_MISSING,  # issue 18
    **_STOCK_MISSING,
}

_LOCK_RULE = Words(
    zh="用户名或密码错误：请核对后重新输入。连续输错 {attempts} 次密码，账号将被锁定 {minutes} 分钟；如需提前解锁，请联系管理员。",
    en="Wrong user name or password. After {attempts} wrong passwords in a row an account is locked for {minutes} "
       "minutes: check the password and try again, or ask an administrator to unlock it sooner.")

_CERTIFICATE: dict[str, Words] = {
    "expired": Words(
        zh="县平台的证书已过期（或尚未生效）。请通知县里更新证书，并检查本机的日期和时间是否正确。",
        en="The county hub's certificate has expired (or is not valid yet). Tell the county so they renew it, and "
           "check that this computer's date and time are right."),
    "host_name": Words(
        zh="县平台的证书不是为这个地址签发的。请与县里核对平台地址：应使用证书上写明的名称。",
        en="The county hub's certificate is for another address. Check the hub address with the county: use the "
           "name written in its certificate."),
}
_NOT_SENT = Words(zh="{problem}本次未发送任何数据，报告仍保留在待发送队列中。",
                  en="{problem} Nothing was sent; the reports stay queued.")
_DETAILS = Words(zh="{sentence}（详情：{reason}）", en="{sentence} (Details: {reason})")

_STEPS: dict[str, Words] = {  # time_before_previous_step: the step the time must follow
    "requested_at": Words("申请转运", "the transfer request"),
    "call_120_at": Words("呼叫120", "the 120 call"),
    "departed_at": Words("救护车出发", "the departure"),
    "handed_over_at": Words("与接收医院交接", "the handover at the hospital"),
}
_SOME_STEP = Words("上一环节", "the previous step")

_FOLLOWED_UP = Words(
    zh="该购药人已到发热门诊就诊（就诊号 {visit_no}），已移出追踪名单。",
    en="This buyer has already been seen at the fever clinic (visit {visit_no}): they are off the follow-up list.")

LISTS: dict[str, Words] = {  # the county's lists, as the clinic and the county call them
    "risk_areas": Words("中高风险地区清单", "medium/high-risk area list"),
    "hospitals": Words("定点医院清单", "designated hospital list"),
}
LIST_FIELDS: dict[str, Words] = {  # a field of a county list's item
    "name": Words("名称", "name"), "level": Words("风险等级", "risk level"), "since": Words("列入日期", "date listed"),
    "kind": Words("医院类别", "hospital kind"), "address": Words("地址", "address"), "phone": Words("电话", "phone"),
    "accepting": Words("是否接收患者", "accepting patients"), "version": Words("版本号", "version"),
    "items": Words("条目", "items"), "item": Words("条目", "item"), "list": Words("整个清单", "whole list"),
    "file": Words("文件", "file"),
}
LIST_REASONS: dict[str, Words] = {  # why an item of a list the county publishes is wrong (list_item)
    "missing": Words("未填写", "missing"),
    "not_text": Words("应为文字", "must be text"),
    "control_character": Words("含有不可见字符或控制字符", "holds an invisible or control character"),
    "too_long": Words("超过 {maximum} 个字", "longer than {maximum} characters"),
    "too_short": Words("少于 {minimum} 个字", "shorter than {minimum} characters"),
    "not_level": Words("应为中风险或高风险", "must be medium or high"),
    "not_date": Words("应为“年-月-日”格式的日期，如 2026-11-20", "must be a date as year-month-day, e.g. 2026-11-20"),
    "not_kind": Words("应为 {allowed} 之一", "must be one of {allowed}"),
    "not_yes_no": Words("应为 true（接收）或 false（不接收）", "must be true (accepting) or false (not accepting)"),
    "not_object": Words("应为带名称等字段的一项（JSON 对象），而不是单独的文字或数字",
                        "must be an entry with named fields (a JSON object), not a bare text or number"),
    "unknown_field": Words("该清单没有此字段，请删除", "this list has no such field: remove it"),
}
FILE_REASONS: dict[str, Words] = {  # why a file is not a list the county can publish (list_format)
    "not_a_list": Words("内容应为由多项组成的列表", "it must hold a list of entries"),
    "too_many": Words("超过 {maximum} 项", "more than {maximum} entries"),
    "nested": Words("层级嵌套过深", "nested too deeply"),
    "not_json": Words("不是有效的 JSON 文件", "not a valid JSON file"),
}
_SOME_REASON = Words("内容不符合要求", "not as the list expects")
_SOME_LIST = Words("县级下发清单", "a county list")
_SOME_FIELD = Words("某一字段", "a field")
_LIST_ITEM_WRONG = Words(
    zh="县级下发的{list}第 {item} 条有误（{field}）。两份清单均未更新，本机构现有清单保持不变。请告知县级平台更正后重新下发，"
       "再重新同步。",
    en="The county's {list} is wrong at item {item} ({field}). Neither list was applied; the lists here are "
       "unchanged. Tell the county so it publishes a corrected list, then pull again.")

_LIST_SEPARATOR = Words("、", ", ")
_NEEDS_SEPARATOR = Words("；", "; ")


def _joined(separator: Words, parts: list[Any]) -> Words:
    """A list of names (each str or Words) joined the way each language joins them."""
    return Words(separator.zh.join(_say(p, "zh_CN") for p in parts), separator.en.join(_say(p, "en") for p in parts))


def _stale_edit(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    for (key, value), words in _STALE.items():
        if d.get(key) == value:
            return words, {}
    return ERRORS["stale_edit"], {}


def _not_found(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    words = _MISSING.get(str(d.get("entity")), ERRORS["not_found"])
    return words, {"visit_no": d.get("visit_no", ""), "code": d.get("key", ""), "number": d.get("key", ""),
                   "day": d.get("day", "")}


def _bad_credentials(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    """The same answer for an unknown name, a wrong password and a locked account."""
    if "max_attempts" in d:
        return _LOCK_RULE, {"attempts": d["max_attempts"], "minutes": d.get("lock_minutes", "?")}
    return ERRORS["bad_credentials"], {}


def clock_time(iso: Any) -> str:
    """An ISO time as this computer's local hh:mm (the lock-out's end)."""
    try:
        return datetime.fromisoformat(str(iso)).astimezone().strftime("%H:%M")
    except ValueError:
        return str(iso or "?")


def _account_locked(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    return ERRORS["account_locked"], {"time": clock_time(d.get("until"))}


def _named(table: Mapping[str, Words], code: Any) -> Words | str:
    """An enum value in the vocabulary's words (the code itself only if the vocabulary lacks it)."""
    return table.get(str(code or ""), str(code or "?"))


def _case_closed(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    return ERRORS["case_closed"], {"disposition": _named(DISPOSITION, d.get("disposition"))}


def _illegal_transition(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    return ERRORS["illegal_transition"], {"current": _named(TRANSFER_STATE, d.get("current")),
                                          "requested": _named(TRANSFER_STATE, d.get("requested"))}


def _refused(code: str) -> Chooser:
    def choose(d: Mapping[str, Any]) -> tuple[Words, Fields]:
        needs = [_named(EXCEPTION_KIND, k) for k in d.get("needs", [])]
        return ERRORS[code], {"needs": _joined(_NEEDS_SEPARATOR, needs)}
    return choose


def _hub_certificate(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    problem = _CERTIFICATE.get(str(d.get("problem")), ERRORS["hub_certificate"])
    text = Words(_NOT_SENT.zh.format(problem=problem.zh), _NOT_SENT.en.format(problem=problem.en))
    if d.get("reason"):  # OpenSSL's words, for the county's IT staff
        return _DETAILS, {"sentence": text, "reason": d["reason"]}
    return text, {}


def _incident_reported(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    return ERRORS["incident_reported"], {"to": d.get("reported_to") or "?"}


def _time_before_previous_step(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    return ERRORS["time_before_previous_step"], {"previous": _STEPS.get(str(d.get("previous", "")), _SOME_STEP)}


def _doctor_has_open_cases(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    visits = list(d.get("visits") or [])
    return ERRORS["doctor_has_open_cases"], {"username": d.get("username", "?"), "count": len(visits),
                                             "visits": _joined(_LIST_SEPARATOR, visits)}


def _followup_closed(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    if d.get("visit_no"):
        return _FOLLOWED_UP, {"visit_no": d["visit_no"]}
    return ERRORS["followup_closed"], {}


def _hub_list_invalid(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    """Which county list, which item and which field: nothing was applied."""
    fields = {"list": LISTS.get(str(d.get("list")), _SOME_LIST),
              "field": LIST_FIELDS.get(str(d.get("field")), _SOME_FIELD)}
    if d.get("item"):
        return _LIST_ITEM_WRONG, {**fields, "item": d["item"]}
    return ERRORS["hub_list_invalid"], fields


def _reason(table: Mapping[str, Words], d: Mapping[str, Any]) -> Words:
    """Why a county list was refused, in words, its figures (a maximum length, the allowed kinds) filled in."""
    words = table.get(str(d.get("reason")), _SOME_REASON)
    figures = _Fill({key: str(value) for key, value in d.items()})
    return Words(words.zh.format_map(figures), words.en.format_map(figures))


def _list_item(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    """A list the county publishes: the field and the reason in words, not their keys."""
    return ERRORS["list_item"], {"item": d.get("item", "?"), "reason": _reason(LIST_REASONS, d),
                                 "field": LIST_FIELDS.get(str(d.get("field")), _SOME_FIELD)}


def _list_format(d: Mapping[str, Any]) -> tuple[Words, Fields]:
    return ERRORS["list_format"], {"reason": _reason(FILE_REASONS, d)}


def _file_kind(code: str) -> Chooser:
    """A sneakernet file error: which file (outbox, receipt, lists) in words."""
    def choose(d: Mapping[str, Any]) -> tuple[Words, Fields]:
        return ERRORS[code], {**{k: v for k, v in d.items() if v is not None}, "what": _named(SNEAKERNET_FILES,
                                                                                             d.get("what"))}
    return choose


_CHOOSERS: dict[str, Chooser] = {
    "stale_edit": _stale_edit, "not_found": _not_found, "bad_credentials": _bad_credentials,
    "account_locked": _account_locked, "case_closed": _case_closed, "illegal_transition": _illegal_transition,
    "escort_refused": _refused("escort_refused"), "visitor_refused": _refused("visitor_refused"),
    "hub_certificate": _hub_certificate, "incident_reported": _incident_reported,
    "time_before_previous_step": _time_before_previous_step, "doctor_has_open_cases": _doctor_has_open_cases,
    "followup_closed": _followup_closed, "hub_list_invalid": _hub_list_invalid, "list_item": _list_item,
    "list_format": _list_format, "sneakernet_file": _file_kind("sneakernet_file"),
    "sneakernet_tampered": _file_kind("sneakernet_tampered"), "hub_key_unknown": _file_kind("hub_key_unknown"),
}


def words_for(code: str, details: Mapping[str, Any]) -> tuple[Words, Fields]:
    """The Words for an error and the fields to fill them with (values are text, numbers or Words)."""
    chooser = _CHOOSERS.get(code)
    if chooser is not None:
        return chooser(details)
    given = {key: value for key, value in details.items() if value is not None and value != ""}
    return ERRORS.get(code, UNKNOWN), {**_DEFAULTS.get(code, {}), **given}


class _Fill(dict[str, str]):
    def __missing__(self, key: str) -> str:  # a detail the error did not carry
        return "?"


def _say(value: Any, language: str) -> str:
    return value.say(language) if isinstance(value, Words) else str(value)


def fill(words: Words, fields: Mapping[str, Any], language: str) -> str:
    """``words`` in ``language`` with its ``{field}`` names filled (Words fields in the same language)."""
    return words.say(language).format_map(_Fill({k: _say(v, language) for k, v in fields.items()}))


def sentence(code: str, details: Mapping[str, Any], language: str) -> str:
    """The sentence a person reads for error ``code`` with ``details``, in ``language``."""
    words, fields = words_for(code, details)
    return fill(words, fields, language)
