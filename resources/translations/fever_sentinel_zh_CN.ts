<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Fever Sentinel</source>
        <translation>关于发热哨点工作站</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>软件版本</translation>
    </message>
    <message>
        <source>Database schema</source>
        <translation>数据库结构版本</translation>
    </message>
    <message>
        <source>clinic {clinic} · county hub {hub}</source>
        <translation>本机构 {clinic} · 县级平台 {hub}</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>本机构</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Machine configuration</source>
        <translation>本机配置文件</translation>
    </message>
    <message>
        <source>{path} (none: this account&apos;s own settings)</source>
        <translation>{path}（无：使用本账户自己的设置）</translation>
    </message>
    <message>
        <source>Fever Sentinel · 发热哨点工作站</source>
        <translation>发热哨点工作站 · Fever Sentinel</translation>
    </message>
    <message>
        <source>What changed in each version: CHANGELOG.md (in the installation folder).</source>
        <translation>各版本的更新内容见安装目录中的 CHANGELOG.md。</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>My account</source>
        <translation>我的账户</translation>
    </message>
    <message>
        <source>Logged in as</source>
        <translation>当前登录</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Workstation:</source>
        <translation>工作站：</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>当前密码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>再次输入新密码(&amp;R)：</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>修改密码(&amp;C)</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <source>Your password has been changed. Use it at your next log-in.</source>
        <translation>您的密码已修改，下次登录请使用新密码。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
</context>
<context>
    <name>AdmitDialog</name>
    <message>
        <source>Admit a patient</source>
        <translation>收住入院</translation>
    </message>
    <message>
        <source>From a &amp;visit number</source>
        <translation>按就诊号收住(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Direct admission (identity)</source>
        <translation>直接收住（登记身份）(&amp;D)</translation>
    </message>
    <message>
        <source>Visit n&amp;o.:</source>
        <translation>就诊号(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Ward:</source>
        <translation>病区(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Bed:</source>
        <translation>床位(&amp;B)：</translation>
    </message>
    <message>
        <source>Nursing &amp;level:</source>
        <translation>护理级别(&amp;L)：</translation>
    </message>
    <message>
        <source>Scan or type the visit number</source>
        <translation>扫描或输入就诊号</translation>
    </message>
    <message>
        <source>NAT &amp;sample taken at:</source>
        <translation>核酸采样时间(&amp;S)：</translation>
    </message>
    <message>
        <source>NAT res&amp;ult:</source>
        <translation>核酸结果(&amp;U)：</translation>
    </message>
    <message>
        <source>Sampled</source>
        <translation>已采样</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>结果未出</translation>
    </message>
    <message>
        <source>Every new inpatient is tested. A fever-clinic visit uses its own nucleic acid test. Until a negative result, the patient goes to the buffer ward (single room) or the isolation observation ward; a suspected or positive patient is transferred, not admitted.</source>
        <translation>新入院患者落实应检尽检。发热门诊就诊患者以本次就诊的核酸检测为准。核酸阴性结果出来前，患者先入缓冲病区（单人单间）或隔离留观病区；疑似或阳性患者应转运至定点医院，不得收住。</translation>
    </message>
    <message>
        <source>&amp;Admit</source>
        <translation>收住入院(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>Visit {visit_no}: {test} #{test_id} positive at {time}. Report it within 2 h, classify the case and transfer the patient.</source>
        <translation>就诊 {visit_no}：{test} #{test_id} 于 {time} 结果阳性。请在 2 小时内报告，进行病例分类，并转运至定点医院。</translation>
    </message>
    <message>
        <source>positive result</source>
        <translation>检测阳性</translation>
    </message>
    <message>
        <source>Visit {visit_no} ({who}) left without permission. Report the incident within 2 h and record it on the case.</source>
        <translation>就诊 {visit_no}（{who}）擅自离院。请在 2 小时内报告该事件，并在病例中登记。</translation>
    </message>
    <message>
        <source>Visit {visit_no} arrived at the fever clinic at {arrived} and was taken by a doctor only after {minutes} min (limit {limit} min).</source>
        <translation>就诊 {visit_no} 于 {arrived} 到达发热门诊，{minutes} 分钟后才有医生接诊（时限 {limit} 分钟）。</translation>
    </message>
    <message>
        <source>Visit {visit_no} arrived at the fever clinic at {arrived} and has waited {minutes} min with no doctor (limit {limit} min).</source>
        <translation>就诊 {visit_no} 于 {arrived} 到达发热门诊，已等候 {minutes} 分钟仍无医生接诊（时限 {limit} 分钟）。</translation>
    </message>
    <message>
        <source>Visitor permit {permit} ({ward}): {minutes} min past the end of the visit.</source>
        <translation>探视证 {permit}（{ward}）：超出探视时间 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>Permit {permit} was let in at {gate} while the gate was offline, but the live data refuses it: {reason}. Check who is in the ward.</source>
        <translation>通行证 {permit} 在 {gate} 离线时被放行，但联网复核应拒绝：{reason}。请核查病区内人员。</translation>
    </message>
    <message>
        <source>Roster no. {staff_no} ({post}) tested positive, sampled {day}. Take them off duty, report it and trace their contacts.</source>
        <translation>重点岗位人员名单第 {staff_no} 号（{post}）检测阳性，采样日期 {day}。请立即停止其工作、按规定报告并追踪密切接触者。</translation>
    </message>
    <message>
        <source>Surface swab no. {swab_no} at {place} positive, sampled {day}. Disinfect the place, swab it again and test the staff who work there.</source>
        <translation>环境表面采样第 {swab_no} 号（{place}）阳性，采样日期 {day}。请对该处消毒后重新采样，并为在此工作的人员做核酸检测。</translation>
    </message>
    <message>
        <source>Visit {visit_no}: NEWS2 {previous} → {news2} ({codes}). Responsible doctor {doctor}: review the patient now.</source>
        <translation>就诊号 {visit_no}：NEWS2 {previous} → {news2}（{codes}）。责任医生 {doctor}：请立即评估患者。</translation>
    </message>
    <message>
        <source>Visit {visit_no} classified as {classification}.</source>
        <translation>就诊 {visit_no} 被判定为{classification}。</translation>
    </message>
    <message>
        <source>address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>workplace or school</source>
        <translation>工作单位或学校</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{patients} patients with the same {field} &quot;{key}&quot; within {days} days; new visit {new_visit}. Visits: {visits}</source>
        <translation>{days} 天内 {patients} 名患者{field}相同（“{key}”）；新增就诊 {new_visit}。相关就诊：{visits}</translation>
    </message>
    <message>
        <source>{count} {series} on {date}: EARS {methods} alarm ({values}).</source>
        <translation>{date} {series} {count} 例：EARS {methods} 报警（{values}）。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Raised at</source>
        <translation>预警时间</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Early warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Alerts raised from the records: reportable cases, positive results, patients who left without permission or waited with no doctor, visitors overstaying, patients from the same address or workplace, and unusual rises in fever visits or medicine sales. Each stays here until someone says what was done.</source>
        <translation>根据记录自动产生的预警：需报告的病例、阳性结果、患者擅自离院或无医生接诊、探视超时、同一住址或工作单位的多名患者，以及发热就诊量或药品销售量的异常上升。每条预警保留在此，直至有人说明已采取的措施。</translation>
    </message>
    <message>
        <source>Scan &amp;now</source>
        <translation>立即扫描(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Action taken:</source>
        <translation>处置措施(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. reported by phone to the township CDC; investigation started</source>
        <translation>例如：已电话报告乡镇防保所，已开展流调</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation>确认处理(&amp;K)</translation>
    </message>
    <message>
        <source>{count} open alerts</source>
        <translation>{count} 条预警未处理</translation>
    </message>
    <message>
        <source>No open alerts</source>
        <translation>暂无未处理预警</translation>
    </message>
    <message>
        <source>checked {time}</source>
        <translation>{time} 已检查</translation>
    </message>
    <message>
        <source>Choose an alert in the list first.</source>
        <translation>请先在列表中选择一条预警。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Responsibility trail</source>
        <translation>责任追溯</translation>
    </message>
    <message>
        <source>Every log-in and change is recorded here, newest first, and chained so that an entry edited or deleted outside the program is detected.</source>
        <translation>每次登录和每项修改都记录在此（最新的在前），并逐条链式校验：任何在本程序之外被修改或删除的记录都会被发现。</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验记录链(&amp;V)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Check with the &amp;county hub</source>
        <translation>与县级平台核对(&amp;C)</translation>
    </message>
    <message>
        <source>{shown} of {total} entries loaded</source>
        <translation>已加载 {shown} / {total} 条</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Chain intact: {rows} entries, last No. {seq}.</source>
        <translation>记录链完整：共 {rows} 条，最后一条序号 {seq}。</translation>
    </message>
    <message>
        <source>Chain BROKEN at entry No. {seq}: entries were altered or removed outside the program. Tell the clinic&apos;s administrator.</source>
        <translation>审计链在第 {seq} 条断裂：有记录在程序之外被修改或删除。请告知本机构管理员。</translation>
    </message>
    <message>
        <source>A record was changed outside the program: {what} {id}, after entry No. {seq}. Tell the clinic&apos;s administrator.</source>
        <translation>有记录在程序之外被修改：{what} {id}（第 {seq} 条审计记录之后）。请告知本机构管理员。</translation>
    </message>
    <message>
        <source>Asking the county hub…</source>
        <translation>正在向县级平台核对…</translation>
    </message>
    <message>
        <source>County hub key: not pinned yet (the hub&apos;s first receipt pins it).</source>
        <translation>县级平台公钥：尚未固定（收到县级平台第一张回执时固定）。</translation>
    </message>
    <message>
        <source>County hub key fingerprint: {fp} (set by the administrator).</source>
        <translation>县级平台公钥指纹：{fp}（管理员设置）。</translation>
    </message>
    <message>
        <source>County hub key fingerprint: {fp} (pinned from the hub&apos;s first receipt).</source>
        <translation>县级平台公钥指纹：{fp}（由县级平台第一张回执固定）。</translation>
    </message>
    <message>
        <source>Agrees with the county hub: {n} anchors checked, last No. {seq} here.</source>
        <translation>与县级平台一致：已核对 {n} 个锚点，本机最后一条为第 {seq} 条。</translation>
    </message>
    <message>
        <source>Restored from a backup made at {at}: the hub&apos;s anchors after No. {n} belong to the trail that restore (entry No. {m}) replaced.</source>
        <translation>曾从 {at} 的备份恢复：县级平台第 {n} 条之后的锚点属于该次恢复（第 {m} 条记录）所替换的审计链。</translation>
    </message>
    <message>
        <source>DISAGREES with the county hub: the hub holds entry No. {seq}, but the trail here ends at No. {head}: entries were deleted. Tell the clinic&apos;s administrator.</source>
        <translation>与县级平台不一致：县级平台持有第 {seq} 条，本机审计链只到第 {head} 条，记录已被删除。请告知本机构管理员。</translation>
    </message>
    <message>
        <source>DISAGREES with the county hub: entry No. {seq} is not the one the hub received: entries were rewritten outside the program. Tell the clinic&apos;s administrator.</source>
        <translation>与县级平台不一致：第 {seq} 条与县级平台收到的不同，记录已在程序之外被改写。请告知本机构管理员。</translation>
    </message>
    <message>
        <source>DISAGREES with the county hub: the trail here is empty, but the hub holds entries up to No. {seq}: the trail was wiped. Tell the clinic&apos;s administrator.</source>
        <translation>与县级平台不一致：本机审计链为空，而县级平台持有到第 {seq} 条的记录，审计链已被清空。请告知本机构管理员。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <extracomment>Keys whose values mean nothing to a reader (internal identities): left out of the generic English summary.</extracomment>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AutoBackupBox</name>
    <message>
        <source>Automatic daily backup</source>
        <translation>每日自动备份</translation>
    </message>
    <message>
        <source>Once a day this desk backs up the database into the folder chosen here (best a USB drive kept plugged in) and keeps the newest ones. The status bar shows the last backup&apos;s age; it turns red after 48 hours or when the folder is missing. Signing keys are not in automatic backups: back them up once with &apos;fever-sentinel backup --with-key&apos;.</source>
        <translation>本工作站每天把数据库备份到这里选定的文件夹（最好是一直插着的 U 盘），并保留最新的若干份。状态栏显示上次备份距今多久；超过 48 小时或文件夹不在时变红。自动备份不含签名密钥：请用“fever-sentinel backup --with-key”单独备份一次。</translation>
    </message>
    <message>
        <source>This clinic&apos;s data is on a PostgreSQL server: the server is backed up there with pg_dump by the county&apos;s or the clinic&apos;s administrator. This desk makes no automatic backup.</source>
        <translation>本机构的数据在 PostgreSQL 服务器上：由县级或本机构的管理员在服务器上用 pg_dump 备份。本工作站不做自动备份。</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>empty: no automatic backup</source>
        <translation>留空：不自动备份</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Keep the newest:</source>
        <translation>保留最新：</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>From (clinic time):</source>
        <translation>每天从（本机构时间）：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Folder for the automatic backups</source>
        <translation>自动备份的文件夹</translation>
    </message>
    <message>
        <source>No folder chosen: this desk makes no automatic backup.</source>
        <translation>未选择文件夹：本工作站不做自动备份。</translation>
    </message>
    <message>
        <source>Last automatic backup: {file}, {age}.</source>
        <translation>上次自动备份：{file}，{age}。</translation>
    </message>
    <message>
        <source>No automatic backup yet.</source>
        <translation>尚无自动备份。</translation>
    </message>
    <message>
        <source>Last attempt failed: {reason}.</source>
        <translation>上次备份失败：{reason}。</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>{n} min ago</source>
        <translation>{n} 分钟前</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>{n} 小时前</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>{n} 天前</translation>
    </message>
    <message>
        <source>backup folder missing (USB drive not plugged in?)</source>
        <translation>备份文件夹不在（U 盘未插？）</translation>
    </message>
    <message>
        <source>disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Backup: {age}</source>
        <translation>备份：{age}</translation>
    </message>
    <message>
        <source>Backup: none yet</source>
        <translation>备份：尚无</translation>
    </message>
    <message>
        <source>{text} · {reason}</source>
        <translation>{text} · {reason}</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Responsible doctor</source>
        <translation>责任医生</translation>
    </message>
    <message>
        <source>Continuous monitoring, urgent review</source>
        <translation>持续监测，紧急评估</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Case {visit_no} — {name}</source>
        <translation>病例 {visit_no} — {name}</translation>
    </message>
    <message>
        <source>Responsible doctor: {name} ({username}), since {time}</source>
        <translation>责任医生：{name}（{username}），自 {time} 起</translation>
    </message>
    <message>
        <source>Observation: {room} {bed}</source>
        <translation>留观：{room} {bed}</translation>
    </message>
    <message>
        <source>Not under observation</source>
        <translation>未留观</translation>
    </message>
    <message>
        <source>since {time}</source>
        <translation>自 {time} 起</translation>
    </message>
    <message>
        <source>Classified at {time}</source>
        <translation>分类时间 {time}</translation>
    </message>
    <message>
        <source>Closed {time}: {disposition} ({ward}). Results, classification and a transfer request are still recorded here.</source>
        <translation>已于 {time} 结案：{disposition}（{ward}）。检测结果、病例分类和转运申请仍在此登记。</translation>
    </message>
    <message>
        <source>Read only: {name} ({username}) is responsible; any doctor may request the transfer from the ward.</source>
        <translation>只读：本病例由 {name}（{username}）首诊负责；病区患者的转运任何医生均可申请。</translation>
    </message>
    <message>
        <source>Closed {time}: {disposition}.</source>
        <translation>已于 {time} 结案：{disposition}。</translation>
    </message>
    <message>
        <source>Read only: {name} ({username}) is responsible for this case.</source>
        <translation>只读：本病例由 {name}（{username}）首诊负责。</translation>
    </message>
    <message>
        <source>Hand-over to {to} requested at {time} — waiting for their answer.</source>
        <translation>已于 {time} 申请交接给 {to}，等待对方答复。</translation>
    </message>
    <message>
        <source>Observation and tests ({count} pending)</source>
        <translation>留观与检测（{count} 项待出结果）</translation>
    </message>
    <message>
        <source>Observation and tests</source>
        <translation>留观与检测</translation>
    </message>
    <message>
        <source>Time limits ({count} open)</source>
        <translation>时限（{count} 项进行中）</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>{test} #{id} ({time})</source>
        <translation>{test} #{id}（{time}）</translation>
    </message>
    <message>
        <source>Positive result: {tests}. Every positive is reported at once.</source>
        <translation>阳性结果：{tests}。逢阳必报、逢阳即报。</translation>
    </message>
    <message>
        <source>Positive result. Every positive is reported at once.</source>
        <translation>阳性结果。逢阳必报、逢阳即报。</translation>
    </message>
    <message>
        <source>Classify the case now (suspected, confirmed or asymptomatic).</source>
        <translation>请立即进行病例分类（疑似病例、确诊病例或无症状感染者）。</translation>
    </message>
    <message>
        <source>Reported: card {card}, {time}.</source>
        <translation>已网络直报：报告卡 {card}，{time}。</translation>
    </message>
    <message>
        <source>Record the direct network report by {time}.</source>
        <translation>请于 {time} 前完成网络直报。</translation>
    </message>
    <message>
        <source>Record the direct network report within 2 h of the result.</source>
        <translation>请在结果出具后 2 小时内完成网络直报。</translation>
    </message>
    <message>
        <source>POSITIVE</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>Classify now</source>
        <translation>立即分类</translation>
    </message>
    <message>
        <source>Report now</source>
        <translation>立即直报</translation>
    </message>
    <message>
        <source>Left without permission at {left}: incident reported to {to} at {time}.</source>
        <translation>{left} 擅自离院：已于 {time} 报告至 {to}。</translation>
    </message>
    <message>
        <source>positive result</source>
        <translation>检测阳性</translation>
    </message>
    <message>
        <source>Incident: a patient ({who}) left without permission at {left}. Report it within 2 h, by {due}, and record whom it was reported to.</source>
        <translation>事件：患者（{who}）于 {left} 擅自离院。请在 2 小时内（{due} 前）报告，并登记报告对象。</translation>
    </message>
    <message>
        <source>Exception #{id} approved by {approver} at {time}: may change to {to}. Reason: {reason}</source>
        <translation>特例 #{id} 已由 {approver} 于 {time} 批准：可变更为{to}。理由：{reason}</translation>
    </message>
    <message>
        <source>Classify with exception #{id}</source>
        <translation>凭特例 #{id} 确定分类</translation>
    </message>
    <message>
        <source>{clock}: {status}</source>
        <translation>{clock}：{status}</translation>
    </message>
    <message>
        <source>No report needed: the case is not suspected, confirmed or asymptomatic.</source>
        <translation>无需网络直报：本病例不是疑似病例、确诊病例或无症状感染者。</translation>
    </message>
    <message>
        <source>No investigation clock: the case is not suspected, confirmed or asymptomatic.</source>
        <translation>无流调时限：本病例不是疑似病例、确诊病例或无症状感染者。</translation>
    </message>
    <message>
        <source>(card {card}, {time})</source>
        <translation>（报告卡 {card}，{time}）</translation>
    </message>
    <message>
        <source>&amp;Interview and findings</source>
        <translation>流调与诊查(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Classification and reports</source>
        <translation>诊断分类与报告(&amp;C)</translation>
    </message>
    <message>
        <source>Epidemiological interview</source>
        <translation>流行病学调查</translation>
    </message>
    <message>
        <source>Clinical findings</source>
        <translation>临床诊查</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Last day there (YYYY-MM-DD)</source>
        <translation>最后停留日期（年-月-日）</translation>
    </message>
    <message>
        <source>Add area</source>
        <translation>添加地区</translation>
    </message>
    <message>
        <source>Remove area</source>
        <translation>删除地区</translation>
    </message>
    <message>
        <source>Travel and stays:</source>
        <translation>旅居史：</translation>
    </message>
    <message>
        <source>Con&amp;tacts:</source>
        <translation>接触史(&amp;T)：</translation>
    </message>
    <message>
        <source>Exposures:</source>
        <translation>暴露史：</translation>
    </message>
    <message>
        <source>Part of a cluster of sick people</source>
        <translation>聚集性发病</translation>
    </message>
    <message>
        <source>High-risk &amp;job:</source>
        <translation>高风险职业(&amp;J)：</translation>
    </message>
    <message>
        <source>Other e&amp;xposures:</source>
        <translation>其他暴露(&amp;X)：</translation>
    </message>
    <message>
        <source>separate with ；</source>
        <translation>多项用“；”分隔</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Repor&amp;t card no.:</source>
        <translation>报告卡编号(&amp;T)：</translation>
    </message>
    <message>
        <source>Ti&amp;meline…</source>
        <translation>时间线(&amp;M)…</translation>
    </message>
    <message>
        <source>✓ Interview and findings saved.</source>
        <translation>✓ 流调与诊查已保存。</translation>
    </message>
    <message>
        <source>✓ Classified as {classification}: report it to the network within 2 h.</source>
        <translation>✓ 已诊断为{classification}：请在 2 小时内网络直报。</translation>
    </message>
    <message>
        <source>✓ Classified as {classification}.</source>
        <translation>✓ 已诊断为{classification}。</translation>
    </message>
    <message>
        <source>✓ Incident report recorded.</source>
        <translation>✓ 事件报告已登记。</translation>
    </message>
    <message>
        <source>✓ Direct network report recorded.</source>
        <translation>✓ 网络直报已登记。</translation>
    </message>
    <message>
        <source>✓ Epidemiological investigation recorded.</source>
        <translation>✓ 流调完成已登记。</translation>
    </message>
    <message>
        <source>✓ Observation room and bed set.</source>
        <translation>✓ 留观室与床位已安排。</translation>
    </message>
    <message>
        <source>✓ Vital signs recorded: {news2}, {level}.</source>
        <translation>✓ 已记录生命体征：{news2}，{level}。</translation>
    </message>
    <message>
        <source>✓ Test ordered.</source>
        <translation>✓ 检测已开具。</translation>
    </message>
    <message>
        <source>✓ Result recorded.</source>
        <translation>✓ 结果已录入。</translation>
    </message>
    <message>
        <source>✓ Hand-over requested: you stay responsible until it is accepted.</source>
        <translation>✓ 已申请交接：对方接受前仍由您负责。</translation>
    </message>
    <message>
        <source>✓ Case closed.</source>
        <translation>✓ 病例已结案。</translation>
    </message>
    <message>
        <source>✓ Transfer to {hospital} requested: the case is closed as transferred.</source>
        <translation>✓ 已申请转运至{hospital}：病例已按“转运”结案。</translation>
    </message>
    <message>
        <source>&amp;Save interview (Ctrl+S)</source>
        <translation>保存流调(&amp;S)（Ctrl+S）</translation>
    </message>
    <message>
        <source>Case classification</source>
        <translation>病例诊断分类</translation>
    </message>
    <message>
        <source>Classificatio&amp;n:</source>
        <translation>诊断分类(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. influenza A, when another cause is found</source>
        <translation>如查明其他病因，例如：甲型流感</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>确定分类</translation>
    </message>
    <message>
        <source>S&amp;ymptoms, signs and examination findings:</source>
        <translation>症状、体征及检查所见(&amp;Y)：</translation>
    </message>
    <message>
        <source>Other patho&amp;gen:</source>
        <translation>其他病原体(&amp;G)：</translation>
    </message>
    <message>
        <source>Second person approves an e&amp;xception…</source>
        <translation>由第二人批准特例(&amp;X)…</translation>
    </message>
    <message>
        <source>Reported &amp;to:</source>
        <translation>报告对象(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. county CDC, the duty director</source>
        <translation>如：县疾控中心、值班院领导</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation>报告时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Record incident report</source>
        <translation>登记事件报告</translation>
    </message>
    <message>
        <source>Direct network report (within 2 h)</source>
        <translation>网络直报（2 小时内）</translation>
    </message>
    <message>
        <source>Reported &amp;at:</source>
        <translation>报告时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Record direct network &amp;report</source>
        <translation>登记网络直报(&amp;R)</translation>
    </message>
    <message>
        <source>Epidemiological investigation (within 24 h)</source>
        <translation>流行病学调查（24 小时内）</translation>
    </message>
    <message>
        <source>&amp;Done at:</source>
        <translation>完成时间(&amp;D)：</translation>
    </message>
    <message>
        <source>In&amp;vestigation done</source>
        <translation>流调已完成(&amp;V)</translation>
    </message>
    <message>
        <source>Latest ({time}): {news2}, {level}
{readings}</source>
        <translation>最近一次（{time}）：{news2}，{level}
{readings}</translation>
    </message>
    <message>
        <source>No vital signs recorded yet.</source>
        <translation>尚未记录生命体征。</translation>
    </message>
    <message>
        <source>NEWS2 trend ({count} sets)</source>
        <translation>NEWS2 趋势（{count} 次）</translation>
    </message>
    <message>
        <source>Observation round: starts when observation starts.</source>
        <translation>留观复测：安排留观后开始计时。</translation>
    </message>
    <message>
        <source>NEWS2 7 or more: continuous monitoring, urgent review by the doctor now.</source>
        <translation>NEWS2 ≥7 分：持续监测，请医生立即紧急评估。</translation>
    </message>
    <message>
        <source>Next vital signs overdue since {time}: take them now.</source>
        <translation>生命体征复测已于 {time} 超时：请立即测量。</translation>
    </message>
    <message>
        <source>Next vital signs due by {time}.</source>
        <translation>下次生命体征复测：{time} 前。</translation>
    </message>
    <message>
        <source>Observation &amp;room:</source>
        <translation>留观室(&amp;R)：</translation>
    </message>
    <message>
        <source>B&amp;ed:</source>
        <translation>床位(&amp;E)：</translation>
    </message>
    <message>
        <source>Set &amp;observation</source>
        <translation>安排留观(&amp;O)</translation>
    </message>
    <message>
        <source>Or&amp;der test…</source>
        <translation>开具检测(&amp;D)…</translation>
    </message>
    <message>
        <source>Record res&amp;ult…</source>
        <translation>录入结果(&amp;U)…</translation>
    </message>
    <message>
        <source>Vital signs (observation round)</source>
        <translation>生命体征（留观复测）</translation>
    </message>
    <message>
        <source>Record &amp;vital signs</source>
        <translation>记录生命体征(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>交接(&amp;H)…</translation>
    </message>
    <message>
        <source>Dis&amp;position…</source>
        <translation>处置(&amp;P)…</translation>
    </message>
    <message>
        <source>Request transfer to designated hospita&amp;l…</source>
        <translation>申请转运定点医院(&amp;L)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh (F5)</source>
        <translation>刷新(&amp;F)（F5）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>(Exception #{id} used.)</source>
        <translation>（已使用特例 #{id}。）</translation>
    </message>
    <message>
        <source>Positive result recorded: classify the case now and record the direct network report by {time}.</source>
        <translation>阳性结果已录入：请立即进行病例分类，并于 {time} 前完成网络直报。</translation>
    </message>
    <message>
        <source>Positive result recorded: classify the case now and report it at once.</source>
        <translation>阳性结果已录入：请立即进行病例分类并立即报告。</translation>
    </message>
    <message>
        <source>Print the handover form</source>
        <translation>打印转运交接单</translation>
    </message>
    <message>
        <source>Print the three-part transfer handover form now?</source>
        <translation>现在打印三联转运交接单吗？</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Responsible doctor</source>
        <translation>责任医生</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>诊断分类</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>留观</translation>
    </message>
    <message>
        <source>Results pending</source>
        <translation>待出结果</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>接诊时间</translation>
    </message>
    <message>
        <source>→ {doctor}?</source>
        <translation>→ {doctor}（待接受）</translation>
    </message>
</context>
<context>
    <name>ClassificationExceptionDialog</name>
    <message>
        <source>Second person approves an exception — {visit_no}</source>
        <translation>第二人批准特例 — {visit_no}</translation>
    </message>
    <message>
        <source>{visit_no} {name} is classified as {before}. A second person with the right to approve exceptions (the medical director; not you) signs in here and writes the reason. The exception is recorded under their name, counted in the daily report, and used once, for this change only: you then classify the case with it.</source>
        <translation>{visit_no} {name} 目前分类为{before}。须由有特例审批权限的另一人（医务负责人，不能是您本人）在此登录并填写理由。特例以其名义记录，计入日报告，仅可使用一次、仅用于本次变更；随后由您凭此特例进行分类。</translation>
    </message>
    <message>
        <source>Refused without an exception: {why}</source>
        <translation>无特例时不允许：{why}</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>变更：</translation>
    </message>
    <message>
        <source>{before} → {after}</source>
        <translation>{before} → {after}</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>理由(&amp;E)：</translation>
    </message>
    <message>
        <source>e.g. confirmed entered by mistake; the county CDC corrected it</source>
        <translation>如：误录为确诊，县疾控中心已更正</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ClinicModeBox</name>
    <message>
        <source>How this clinic handles fever patients</source>
        <translation>本机构发热诊疗模式</translation>
    </message>
    <message>
        <source>Clinic &amp;mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>Reason for the chan&amp;ge:</source>
        <translation>更改原因(&amp;G)：</translation>
    </message>
    <message>
        <source>e.g. the county health bureau&apos;s decision of 2026-12-01</source>
        <translation>如：县卫健局2026-12-01的决定</translation>
    </message>
    <message>
        <source>&amp;Change mode…</source>
        <translation>更改模式(&amp;C)…</translation>
    </message>
    <message>
        <source>Now: {mode}</source>
        <translation>当前：{mode}</translation>
    </message>
    <message>
        <source>(the default for a {level}; not chosen yet)</source>
        <translation>（{level}的默认模式，尚未选定）</translation>
    </message>
    <message>
        <source>Change the clinic mode?</source>
        <translation>更改本机构模式？</translation>
    </message>
    <message>
        <source>From now on every desk works as: {mode}.
{explain}
Change it?</source>
        <translation>自即刻起各工作站均按此模式工作：{mode}。
{explain}
确定更改吗？</translation>
    </message>
    <message>
        <source>Changed: every desk now shows {mode}.</source>
        <translation>已更改：各工作站现显示{mode}。</translation>
    </message>
    <message>
        <source>Another desk changed the mode meanwhile (now: {mode}). Check and try again.</source>
        <translation>其他工作站已同时更改了模式（当前：{mode}）。请核对后重试。</translation>
    </message>
</context>
<context>
    <name>ClocksModel</name>
    <message>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Met at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{count} rows exported to {path}</source>
        <translation>已导出 {count} 行到 {path}</translation>
    </message>
    <message>
        <source>The file could not be written. Choose another folder.</source>
        <translation>无法写入文件。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>DeadlineBoardPage</name>
    <message>
        <source>Time limits</source>
        <translation>时限看板</translation>
    </message>
    <message>
        <source>Time limits of open cases, most urgent first</source>
        <translation>进行中病例的时限（最紧急的在前）</translation>
    </message>
    <message>
        <source>Amber: due soon. Red: overdue. Enter or double-click opens the case.</source>
        <translation>琥珀色：即将超时；红色：已超时。回车或双击打开病例。</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>打开病例(&amp;O)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Read at {time}</source>
        <translation>读取于 {time}</translation>
    </message>
    <message>
        <source>Open: {count}</source>
        <translation>进行中：{count}</translation>
    </message>
    <message>
        <source>Due soon: {count}</source>
        <translation>即将超时：{count}</translation>
    </message>
    <message>
        <source>Overdue: {count}</source>
        <translation>已超时：{count}</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>NEWS2 {total}</source>
        <translation>NEWS2 {total} 分</translation>
    </message>
    <message>
        <source>NEWS2 {total} (partial: temperature only)</source>
        <translation>NEWS2 {total} 分（不完整：仅测体温）</translation>
    </message>
    <message>
        <source>NEWS2 {total} (partial: {missing} not measured)</source>
        <translation>NEWS2 {total} 分（不完整：缺{missing}）</translation>
    </message>
    <message>
        <source>To a doctor at once · isolate and report</source>
        <translation>立即送医生 · 就地隔离防护并报告</translation>
    </message>
    <message>
        <source>To a doctor at once · fever-clinic isolation precautions</source>
        <translation>立即送医生 · 按发热门诊要求隔离防护</translation>
    </message>
    <message>
        <source>To a doctor at once</source>
        <translation>立即送医生诊治</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>Decline hand-over — {visit_no}</source>
        <translation>拒绝交接 — {visit_no}</translation>
    </message>
    <message>
        <source>{doctor} asked you to take over {visit_no}: “{reason}”. They stay responsible. Tell them why you decline.</source>
        <translation>{doctor} 请您接手 {visit_no}：“{reason}”。拒绝后仍由对方负责，请写明拒绝原因。</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>拒绝(&amp;D)</translation>
    </message>
</context>
<context>
    <name>DeskKeysBox</name>
    <message>
        <source>Workstation keys</source>
        <extracomment>asks the reason for a revocation (a test replaces it): (accepted, text)</extracomment>
        <translation>工作站密钥</translation>
    </message>
    <message>
        <source>Each desk signs permits, transfer forms and reports with its own key. A new desk waits until an administrator enrols it here, on the desk where the clinic was set up. Revoke the key of a lost or retired computer: what it signed is refused from the next scan.</source>
        <translation>每台工作站用自己的密钥签发通行证、转运交接单和报送。新工作站须由管理员在建立本机构的那台工作站上于此处登记后方可签发。电脑丢失或停用时请吊销其密钥：其签发的内容自下一次扫码起即被拒绝。</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>May sign</source>
        <translation>可签发</translation>
    </message>
    <message>
        <source>Enrolled / revoked</source>
        <translation>登记/吊销</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>登记(&amp;E)</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>吊销(&amp;V)…</translation>
    </message>
    <message>
        <source> (this desk)</source>
        <translation>（本机）</translation>
    </message>
    <message>
        <source>Enrolment does not verify</source>
        <translation>登记签名核验失败</translation>
    </message>
    <message>
        <source>revoked {at} by {who}: {reason}</source>
        <translation>{at} 由 {who} 吊销：{reason}</translation>
    </message>
    <message>
        <source>enrolled {at} by {who}</source>
        <translation>{at} 由 {who} 登记</translation>
    </message>
    <message>
        <source>Revoke desk key</source>
        <translation>吊销工作站密钥</translation>
    </message>
    <message>
        <source>Why is the key of {desk} revoked (e.g. computer lost)?</source>
        <translation>为什么吊销 {desk} 的密钥（例如电脑丢失）？</translation>
    </message>
    <message>
        <source>{desk}: {state}.</source>
        <translation>{desk}：{state}。</translation>
    </message>
</context>
<context>
    <name>DispositionDialog</name>
    <message>
        <source>Until the case is excluded, only to a single room in the buffer ward.</source>
        <translation>未排除前，只能收入缓冲病区单间。</translation>
    </message>
    <message>
        <source>An incident: record when the patient left, who noticed and whom it was reported to.</source>
        <translation>属于不良事件：请登记离开时间、发现人及报告对象。</translation>
    </message>
    <message>
        <source>This case has no negative result yet.</source>
        <translation>本病例尚无阴性结果。</translation>
    </message>
    <message>
        <source>Disposition — {visit_no}</source>
        <translation>处置 — {visit_no}</translation>
    </message>
    <message>
        <source>Close the case of {visit_no} ({name}) with how the patient leaves the fever clinic. A closed case cannot be reopened.</source>
        <translation>登记 {visit_no}（{name}）离开发热门诊的去向并结案。结案后不能重新打开。</translation>
    </message>
    <message>
        <source>Classification: {classification}</source>
        <translation>诊断分类：{classification}</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>#{id} {test}: {result}, {time}</source>
        <translation>#{id} {test}：{result}，{time}</translation>
    </message>
    <message>
        <source>&amp;Disposition:</source>
        <translation>处置(&amp;D)：</translation>
    </message>
    <message>
        <source>E&amp;xcluding result:</source>
        <translation>排除依据(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Advice:</source>
        <translation>医嘱(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. rest at home, take temperature twice a day, come back if worse</source>
        <translation>例如：居家休息，每日测体温两次，加重随诊</translation>
    </message>
    <message>
        <source>&amp;Ward:</source>
        <translation>病区(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Bed:</source>
        <translation>床位(&amp;B)：</translation>
    </message>
    <message>
        <source>Single room in the &amp;buffer ward</source>
        <translation>缓冲病区单间(&amp;B)</translation>
    </message>
    <message>
        <source>A transfer to the designated hospital is not closed here: it is recorded through the transfer request, which books the ambulance.</source>
        <translation>转运至定点医院不在此结案：请通过转运申请登记，由其安排救护车。</translation>
    </message>
    <message>
        <source>&amp;Left at:</source>
        <translation>离开时间(&amp;L)：</translation>
    </message>
    <message>
        <source>Only for a case classified as excluded, with the negative nucleic acid result of this visit that excludes it.</source>
        <translation>仅限已排除的病例，并选择本次就诊据以排除的核酸检测阴性结果。</translation>
    </message>
    <message>
        <source>Only once the case is excluded by a negative nucleic acid result. Write the advice given.</source>
        <translation>仅限经核酸检测阴性结果排除后的病例。请填写给予患者的医嘱。</translation>
    </message>
    <message>
        <source>An incident: record the time of death and the doctor who certified it.</source>
        <translation>属于事件：请记录死亡时间及宣告死亡的医生。</translation>
    </message>
    <message>
        <source>{count} test result(s) still pending: {tests}.</source>
        <translation>还有 {count} 项检测结果未出：{tests}。</translation>
    </message>
    <message>
        <source>Not possible now:</source>
        <translation>当前不能选择的处置：</translation>
    </message>
    <message>
        <source>• {dispositions}: {why}</source>
        <translation>• {dispositions}：{why}</translation>
    </message>
    <message>
        <source>&amp;Noticed by:</source>
        <translation>发现人(&amp;N)：</translation>
    </message>
    <message>
        <source>Re&amp;ported to:</source>
        <translation>已报告(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. infection control, the duty director</source>
        <translation>例如：院感科、总值班</translation>
    </message>
    <message>
        <source>Time of dea&amp;th:</source>
        <translation>死亡时间(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Certified by:</source>
        <translation>宣告死亡医生(&amp;C)：</translation>
    </message>
    <message>
        <source>the doctor who certified the death</source>
        <translation>宣告死亡的医生姓名</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <source>optional: anything the next person should know</source>
        <translation>选填：需要向后续人员交代的情况</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>结案(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DistrustDialog</name>
    <message>
        <source>Stop trusting a clinic</source>
        <translation>停止信任机构</translation>
    </message>
    <message>
        <source>Stop trusting {name} ({code}, key id {key_id})? From now on its handover forms and receipts are refused here. It can be trusted again later with its key.</source>
        <translation>确定停止信任{name}（{code}，密钥编号 {key_id}）吗？此后该机构的转运交接单和接收回执在本机构将无法核验。以后可凭其公钥重新添加信任。</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <source>e.g. key leaked, clinic closed</source>
        <translation>如：密钥泄露、机构撤销</translation>
    </message>
    <message>
        <source>&amp;Stop trusting</source>
        <translation>停止信任(&amp;S)</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>Overdue by {time}</source>
        <translation>超时 {time}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>还剩 {time}</translation>
    </message>
    <message>
        <source>took {time}</source>
        <translation>用时 {time}</translation>
    </message>
</context>
<context>
    <name>EscortTestDialog</name>
    <message>
        <source>Update escort&apos;s test</source>
        <translation>更新陪护人核酸结果</translation>
    </message>
    <message>
        <source>A newer negative nucleic acid result for {holder} ({number}): the permit is valid again until this result&apos;s validity ends.</source>
        <translation>{holder}（{number}）更新的核酸阴性结果：陪护证有效期延至该结果有效期届满。</translation>
    </message>
    <message>
        <source>NAT sampled &amp;at:</source>
        <translation>核酸采样时间(&amp;A)：</translation>
    </message>
    <message>
        <source>NAT res&amp;ult:</source>
        <translation>核酸结果(&amp;U)：</translation>
    </message>
    <message>
        <source>Choose the result…</source>
        <translation>请选择结果…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ExceptionDialog</name>
    <message>
        <source>Approve an exception</source>
        <translation>批准例外</translation>
    </message>
    <message>
        <source>For {name} ({ward}, bed {bed}). A second person with the right to approve exceptions (not you) signs in here; the exception is recorded under their name with the reason, and can be used for one permit.</source>
        <translation>患者：{name}（{ward}，{bed}）。须由有特例审批权限的另一人（不能是您本人）在此登录批准；特例以其名义连同理由记录，仅可用于签发一张证。</translation>
    </message>
    <message>
        <source>For {name} ({ward}, bed {bed}). The exception is recorded under your name with the reason, and can be used for one permit, issued by another staff member.</source>
        <translation>患者：{name}（{ward}，{bed}）。特例以您的名义连同理由记录，仅可用于签发一张证，并须由另一名工作人员签发。</translation>
    </message>
    <message>
        <source>&amp;Rule:</source>
        <translation>例外规则(&amp;R)：</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>理由(&amp;E)：</translation>
    </message>
    <message>
        <source>e.g. the doctor orders one escort at night</source>
        <translation>例如：医嘱夜间留陪护一人</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FeverClinicPage</name>
    <message>
        <source>Fever clinic</source>
        <translation>发热门诊接诊</translation>
    </message>
    <message>
        <source>Fever clinic: receiving patients</source>
        <translation>发热门诊接诊</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Accept hand-over</source>
        <translation>接受交接(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>拒绝(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Take case (Enter)</source>
        <translation>接诊(&amp;T)（回车）</translation>
    </message>
    <message>
        <source>Call next (F9)</source>
        <translation>叫下一位（F9）</translation>
    </message>
    <message>
        <source>Call a&amp;gain</source>
        <translation>重新叫号(&amp;G)</translation>
    </message>
    <message>
        <source>Waiting-room dis&amp;play…</source>
        <translation>候诊大屏(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;My cases</source>
        <translation>我的病例(&amp;M)</translation>
    </message>
    <message>
        <source>A&amp;ll open cases</source>
        <translation>全部在诊病例(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>打开病例(&amp;O)</translation>
    </message>
    <message>
        <source>Hand-overs waiting for your answer: {count}</source>
        <translation>待您答复的交接：{count}</translation>
    </message>
    <message>
        <source>Received, waiting for a doctor: {count}</source>
        <translation>已到达、待接诊：{count}</translation>
    </message>
    <message>
        <source>My open cases: {count}</source>
        <translation>我的在诊病例：{count}</translation>
    </message>
    <message>
        <source>All open cases: {count}</source>
        <translation>全部在诊病例：{count}</translation>
    </message>
    <message>
        <source>Take case</source>
        <translation>接诊</translation>
    </message>
    <message>
        <source>Take {visit_no} ({name})?

You become the first-diagnosis doctor responsible for this patient until a colleague accepts a hand-over.</source>
        <translation>接诊 {visit_no}（{name}）？

接诊后您即为该患者的首诊负责医生，直至其他医生接受交接。</translation>
    </message>
    <message>
        <source>✓ You are now responsible for {visit_no} ({name}).</source>
        <translation>✓ 您已接诊 {visit_no}（{name}），首诊负责。</translation>
    </message>
    <message>
        <source>✓ Called {number}: {name} ({visit_no}). Enter takes the case.</source>
        <translation>✓ 已叫号 {number}：{name}（{visit_no}）。按回车接诊。</translation>
    </message>
    <message>
        <source>✓ You are now responsible for {visit_no}.</source>
        <translation>✓ 您现在是 {visit_no} 的责任医生。</translation>
    </message>
    <message>
        <source>Accept hand-over</source>
        <translation>接受交接</translation>
    </message>
    <message>
        <source>Take over {visit_no} from {doctor}?

You become the responsible doctor.</source>
        <translation>从 {doctor} 接手 {visit_no}？

接受后您即为责任医生。</translation>
    </message>
    <message>
        <source>Hand-over of {visit_no} declined: {doctor} stays responsible.</source>
        <translation>已拒绝 {visit_no} 的交接：仍由 {doctor} 负责。</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>Bought at</source>
        <translation>购药时间</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>购药人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Medicine</source>
        <translation>药品类别</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>售药</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>回访次数</translation>
    </message>
    <message>
        <source>Last call</source>
        <translation>最近回访</translation>
    </message>
</context>
<context>
    <name>FollowUpTab</name>
    <message>
        <source>Every buyer stays on this list until they are registered at the fever clinic (matched by phone or ID number) or you have called them back. Oldest first.</source>
        <translation>每位购药人都留在本名单中，直到在发热门诊登记就诊（按电话或身份证号自动匹配）或已电话回访。最早的排在前面。</translation>
    </message>
    <message>
        <source>Nobody to follow up.</source>
        <translation>暂无需要追踪的购药人。</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>回访结果(&amp;O)：</translation>
    </message>
    <message>
        <source>No&amp;te:</source>
        <translation>备注(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. seen at the county hospital&apos;s fever clinic</source>
        <translation>如 已到县人民医院发热门诊就诊</translation>
    </message>
    <message>
        <source>&amp;Record call</source>
        <translation>记录回访(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>刷新(&amp;L)</translation>
    </message>
    <message>
        <source>{name}, {phone}: {medicine}, {time}</source>
        <translation>{name}，{phone}：{medicine}，{time}</translation>
    </message>
    <message>
        <source>Choose a buyer in the list.</source>
        <translation>请在名单中选择购药人。</translation>
    </message>
    <message>
        <source>{name}: {outcome}. Off the follow-up list.</source>
        <translation>{name}：{outcome}，已移出追踪名单。</translation>
    </message>
    <message>
        <source>{name}: {outcome}. Still on the list: call again later.</source>
        <translation>{name}：{outcome}，仍在追踪名单中，请稍后再次回访。</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GateStationPage</name>
    <message>
        <source>Gate station</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>&amp;Gate of this PC:</source>
        <translation>本机门岗(&amp;G)：</translation>
    </message>
    <message>
        <source>Choose the gate this computer stands at. It is remembered until you log out.</source>
        <translation>请选择本电脑所在的门岗，退出登录前一直有效。</translation>
    </message>
    <message>
        <source>Change gate</source>
        <translation>更换门岗</translation>
    </message>
    <message>
        <source>Scan the permit&apos;s QR code, or type the permit number and press Enter</source>
        <translation>扫描证件二维码，或输入证号后按回车</translation>
    </message>
    <message>
        <source>Inside now</source>
        <translation>当前在内人员</translation>
    </message>
    <message>
        <source>Entering (F2)</source>
        <translation>进入 (F2)</translation>
    </message>
    <message>
        <source>Leaving (F3)</source>
        <translation>离开 (F3)</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>● Offline · no offline copy of the lists on this PC</source>
        <translation>● 离线 · 本机没有离线数据副本</translation>
    </message>
    <message>
        <source>● Offline · data updated {time}, {hours} h ago</source>
        <translation>● 离线 · 数据更新于 {time}，{hours} 小时前</translation>
    </message>
    <message>
        <source>{count} offline records could not be read: set aside (kept in the quarantine file), scanning goes on</source>
        <translation>{count} 条离线记录无法读取，已另存至隔离文件，不影响继续扫码</translation>
    </message>
    <message>
        <source>Gate: {gate}</source>
        <translation>门岗：{gate}</translation>
    </message>
    <message>
        <source>Leave full screen (Esc)</source>
        <translation>退出全屏 (Esc)</translation>
    </message>
    <message>
        <source>Full screen (F11)</source>
        <translation>全屏 (F11)</translation>
    </message>
    <message>
        <source>Ready to scan</source>
        <translation>请扫码</translation>
    </message>
    <message>
        <source>Hold the permit&apos;s QR code under the scanner.</source>
        <translation>请将证件二维码对准扫码枪。</translation>
    </message>
    <message>
        <source>Already recorded: {passage} at {time}; not counted again</source>
        <translation>已于 {time} 记录“{passage}”，不重复计入通行</translation>
    </message>
    <message>
        <source>Inside since {time} ({minutes} min)</source>
        <translation>{time} 进入（已 {minutes} 分钟）</translation>
    </message>
    <message>
        <source>Overstayed by {minutes} min: reported to the clinic</source>
        <translation>超时{minutes}分钟：已上报</translation>
    </message>
    <message>
        <source>Let out, recorded: {flags}</source>
        <translation>已放行并记录：{flags}</translation>
    </message>
    <message>
        <source>Visit until {time}: one visit, no re-entry after leaving</source>
        <translation>探视至{time}：限探视一次，离开后不得再次进入</translation>
    </message>
    <message>
        <source>{name} ({ward} {bed}), {minutes} min over</source>
        <translation>{name}（{ward} {bed}），超时{minutes}分钟</translation>
    </message>
    <message>
        <source>⚠ Visitor overstay — still inside after the visit&apos;s end: {who}</source>
        <translation>⚠ 探视超时——探视时间已到仍在病区内：{who}</translation>
    </message>
    <message>
        <source>{name}   ID …{last4}</source>
        <translation>{name}   证件尾号 {last4}</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>开始(&amp;T)</translation>
    </message>
    <message>
        <source>OFFLINE MODE: decided from this gate&apos;s own copy of the lists; the scans are written back when the clinic database answers</source>
        <translation>离线模式：依据本门岗保存的数据副本判断；数据库恢复连接后自动补录扫码记录</translation>
    </message>
    <message>
        <source>{count} scans waiting to be written back to the clinic database</source>
        <translation>{count} 条扫码记录待回写到本机构数据库</translation>
    </message>
    <message>
        <source>Inside now: {count}</source>
        <translation>当前在内：{count} 人</translation>
    </message>
</context>
<context>
    <name>HandoffBoardPage</name>
    <message>
        <source>Hand-offs</source>
        <translation>引导交接</translation>
    </message>
    <message>
        <source>Escorted hand-offs to the fever clinic</source>
        <translation>专人引导至发热门诊的交接</translation>
    </message>
    <message>
        <source>Sc&amp;an slip:</source>
        <translation>扫描引导单(&amp;A)：</translation>
    </message>
    <message>
        <source>Scan the guide slip&apos;s QR code, or type the visit number and press Enter</source>
        <translation>扫描引导单上的二维码，或输入就诊号后按回车</translation>
    </message>
    <message>
        <source>&amp;Confirm arrival</source>
        <translation>确认到达(&amp;C)</translation>
    </message>
    <message>
        <source>Left &amp;without permission…</source>
        <translation>引导途中擅自离院(&amp;W)…</translation>
    </message>
    <message>
        <source>On the way: {count}</source>
        <translation>引导途中：{count} 人</translation>
    </message>
    <message>
        <source>({count} overdue)</source>
        <translation>（{count} 人超时）</translation>
    </message>
    <message>
        <source>Arrived today: {count}</source>
        <translation>今日已到达：{count} 人</translation>
    </message>
    <message>
        <source>✓ Received {visit_no} ({name}) after {minutes} min.</source>
        <translation>✓ 已接收 {visit_no}（{name}），用时 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>Already arrived: {visit_no} ({name}) was received at {time} by {who}. Nothing more to do.</source>
        <translation>已到达：{visit_no}（{name}）已于 {time} 由 {who} 接收，无需再次确认。</translation>
    </message>
    <message>
        <source>Incident recorded: {visit_no} left without permission.</source>
        <translation>已记录事件：{visit_no} 引导途中擅自离院。</translation>
    </message>
</context>
<context>
    <name>HandoffStep</name>
    <message>
        <source>Registered. Visit number:</source>
        <translation>已登记。就诊号：</translation>
    </message>
    <message>
        <source>&amp;Escort:</source>
        <translation>陪同人员(&amp;E)：</translation>
    </message>
    <message>
        <source>who walks the patient to the fever clinic</source>
        <translation>专人陪同患者至发热门诊的人员</translation>
    </message>
    <message>
        <source>Slip &amp;paper:</source>
        <translation>引导单纸张(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Send to fever clinic (Enter)</source>
        <translation>引导至发热门诊(&amp;S)（回车）</translation>
    </message>
    <message>
        <source>Print guide &amp;slip…</source>
        <translation>打印引导单(&amp;S)…</translation>
    </message>
    <message>
        <source>Print registration &amp;form (A4)…</source>
        <translation>打印登记表(&amp;F)（A4）…</translation>
    </message>
    <message>
        <source>&amp;Next patient (Esc)</source>
        <translation>下一位(&amp;N)（Esc）</translation>
    </message>
    <message>
        <source>Sent at {time} with {escort}; expected at the fever clinic by {due}.</source>
        <translation>{time} 由 {escort} 陪同前往，应于 {due} 前到达发热门诊。</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>尚未引导</translation>
    </message>
    <message>
        <source>Visit {visit_no} has not been sent to the fever clinic. Go to the next patient anyway?</source>
        <translation>就诊号 {visit_no} 还没有引导至发热门诊。仍然接待下一位吗？</translation>
    </message>
</context>
<context>
    <name>HandoffTableModel</name>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>陪同人员</translation>
    </message>
    <message>
        <source>Arrived at</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Minutes taken</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>出发时间</translation>
    </message>
    <message>
        <source>Minutes on the way</source>
        <translation>途中用时</translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation>发出工作站</translation>
    </message>
    <message>
        <source>Overdue: expected by {time}</source>
        <translation>已超时：应于 {time} 前到达</translation>
    </message>
    <message>
        <source>{minutes} min — OVERDUE</source>
        <translation>{minutes} 分钟 — 已超时</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over — {visit_no}</source>
        <translation>交接 — {visit_no}</translation>
    </message>
    <message>
        <source>You stay responsible for {visit_no} until the other doctor accepts the hand-over.</source>
        <translation>在对方接受交接之前，{visit_no} 仍由您负责。</translation>
    </message>
    <message>
        <source>&amp;To doctor:</source>
        <translation>交给医生(&amp;T)：</translation>
    </message>
    <message>
        <source>Choose a doctor</source>
        <translation>请选择医生</translation>
    </message>
    <message>
        <source>{name} ({username})</source>
        <translation>{name}（{username}）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. end of shift, nucleic acid result pending</source>
        <translation>例如：下班交接，核酸结果待回</translation>
    </message>
    <message>
        <source>No other doctor has an active account, so there is no one to hand this case over to. You stay responsible; the administrator can add a doctor.</source>
        <translation>目前没有其他已启用的医生账户，本病例无法交接，仍由您负责。如需添加医生，请联系系统管理员。</translation>
    </message>
    <message>
        <source>Request &amp;hand-over</source>
        <translation>申请交接(&amp;H)</translation>
    </message>
    <message>
        <source>Choose the doctor to hand the case over to.</source>
        <translation>请选择接收交接的医生。</translation>
    </message>
</context>
<context>
    <name>HandoverModel</name>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>From doctor</source>
        <translation>申请医生</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
</context>
<context>
    <name>HealthCodeChoice</name>
    <message>
        <source>Why not shown, e.g. elderly, no smartphone</source>
        <translation>未出示原因，如：老人无智能手机</translation>
    </message>
</context>
<context>
    <name>HospitalModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Accepting</source>
        <translation>接收中</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>IdentityFields</name>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>ID &amp;type:</source>
        <translation>证件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>证件号码(&amp;I)：</translation>
    </message>
    <message>
        <source>Why no ID:</source>
        <translation>无证件原因：</translation>
    </message>
    <message>
        <source>Se&amp;x:</source>
        <translation>性别(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Birth date:</source>
        <translation>出生日期(&amp;B)：</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>mobile or landline</source>
        <translation>手机或固定电话</translation>
    </message>
    <message>
        <source>e.g. child without ID, card forgotten</source>
        <translation>如 儿童无证件、忘带证件</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Issue {kind}</source>
        <translation>签发{kind}</translation>
    </message>
    <message>
        <source>For {name} — {ward} ({type}), bed {bed}, {level}</source>
        <translation>患者：{name} — {ward}（{type}），{bed}，{level}</translation>
    </message>
    <message>
        <source>Holder&apos;s &amp;name:</source>
        <translation>持证人姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Relation:</source>
        <translation>与患者关系(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. son, daughter, spouse</source>
        <translation>例如：儿子、女儿、配偶</translation>
    </message>
    <message>
        <source>NAT res&amp;ult:</source>
        <translation>核酸结果(&amp;U)：</translation>
    </message>
    <message>
        <source>Choose the result…</source>
        <translation>请选择结果…</translation>
    </message>
    <message>
        <source>One escort per patient, with a NEGATIVE nucleic acid result sampled within the last {hours} hours. The permit ends when the result&apos;s {hours} hours end (the gate then refuses the escort), unless a newer negative result is recorded.</source>
        <translation>一人一陪护，须持{hours}小时内采样的核酸阴性结果。陪护证随该结果的{hours}小时有效期届满而失效（门岗随即拒绝进入），登记新的阴性结果后可延续。</translation>
    </message>
    <message>
        <source>Reason for an on-site &amp;visit:</source>
        <translation>现场探视事由(&amp;V)：</translation>
    </message>
    <message>
        <source>e.g. critical condition notice, consent to an operation</source>
        <translation>如：病危告知、手术签字</translation>
    </message>
    <message>
        <source>In principle no on-site visits: video visits are encouraged. One visitor, one visit of at most {minutes} minutes: once the visitor has left, or the time is over, the permit no longer lets them in.</source>
        <translation>原则上不予现场探视，鼓励视频探视。探视人数仅限1人，限探视一次，时间{minutes}分钟内：探视人离开或时间已到后，本证不能再次进入。</translation>
    </message>
    <message>
        <source>Second person approves an e&amp;xception…</source>
        <translation>由第二人批准特例(&amp;X)…</translation>
    </message>
    <message>
        <source>Issue p&amp;ermit</source>
        <translation>签发(&amp;E)</translation>
    </message>
    <message>
        <source>Visit &amp;from:</source>
        <translation>探视开始(&amp;F)：</translation>
    </message>
    <message>
        <source>NAT sampled &amp;at:</source>
        <translation>核酸采样时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Visit &amp;until:</source>
        <translation>探视结束(&amp;U)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exception #{id} approved: issue the permit now.</source>
        <translation>例外 #{id} 已批准：现在可以签发。</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Stock item</source>
        <translation>储备物资</translation>
    </message>
    <message>
        <source>The daily use at full load sets the days of cover (stock ÷ daily use); 0 leaves it unknown.</source>
        <translation>可用天数 = 库存 ÷ 满负荷日用量；日用量填 0 表示未设，可用天数不计算。</translation>
    </message>
    <message>
        <source>Kept in stock</source>
        <translation>继续储备</translation>
    </message>
    <message>
        <source>No longer kept</source>
        <translation>不再储备</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Daily use at full load</source>
        <translation>满负荷日用量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Met late ({time} past due)</source>
        <translation>超时完成（超时 {time}）</translation>
    </message>
    <message>
        <source>Met in time</source>
        <translation>按时完成</translation>
    </message>
</context>
<context>
    <name>LeftDialog</name>
    <message>
        <source>Left without permission</source>
        <translation>引导途中擅自离院</translation>
    </message>
    <message>
        <source>Visit {visit_no} ({name}) left on the way to the fever clinic. This is recorded as an incident and closes the hand-off.</source>
        <translation>就诊号 {visit_no}（{name}）在引导至发热门诊途中擅自离院。此情况将记录为事件，并结束本次引导交接。</translation>
    </message>
    <message>
        <source>&amp;Noticed by:</source>
        <translation>发现人(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Reported to:</source>
        <translation>报告对象(&amp;R)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>e.g. infection control, the duty director</source>
        <translation>如院感科、值班院长</translation>
    </message>
    <message>
        <source>Record &amp;incident</source>
        <translation>记录事件(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Fever Sentinel — locked</source>
        <translation>发热哨点工作站 — 已锁定</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>Locked after inactivity. {name} ({username}), enter your password to continue; your open forms are kept.</source>
        <translation>因长时间无操作已锁定。{name}（{username}），请输入密码继续；已打开的表单内容会保留。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Log out…</source>
        <translation>退出登录(&amp;L)…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Log out now? Anything typed into open forms and not yet saved will be lost.</source>
        <translation>现在退出登录吗？已打开表单中尚未保存的内容将会丢失。</translation>
    </message>
</context>
<context>
    <name>LogBox</name>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Unexpected errors are written with their details to the log file. If the program misbehaves, export the log and send it to whoever supports this workstation. The log holds no patient data.</source>
        <translation>意外错误及其详细信息会写入日志文件。程序出现异常时，请导出日志并发给本工作站的技术支持人员。日志中不含患者信息。</translation>
    </message>
    <message>
        <source>&amp;Open log folder</source>
        <translation>打开日志文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>E&amp;xport log…</source>
        <translation>导出日志(&amp;X)…</translation>
    </message>
    <message>
        <source>Export log</source>
        <translation>导出日志</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>压缩文件 (*.zip)</translation>
    </message>
    <message>
        <source>Log exported</source>
        <translation>日志已导出</translation>
    </message>
    <message>
        <source>The log files were saved in:
{path}</source>
        <translation>日志文件已保存到：
{path}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Fever Sentinel — log in</source>
        <translation>发热哨点工作站 — 登录</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>语言(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Demo clinic for exploring only. Accounts: {users}; password: {password}.</source>
        <translation>演示机构，仅供熟悉操作。账户：{users}；密码：{password}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Fever Sentinel — {clinic}</source>
        <translation>发热哨点工作站 — {clinic}</translation>
    </message>
    <message>
        <source>Daily work</source>
        <translation>日常工作</translation>
    </message>
    <message>
        <source>Transfers and wards</source>
        <translation>转运与病区</translation>
    </message>
    <message>
        <source>Readiness</source>
        <translation>防控准备</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>管理与设置</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁屏(&amp;L)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Fever Sentinel…</source>
        <translation>关于发热哨点工作站(&amp;A)…</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>{name} ({roles})</source>
        <translation>{name}（{roles}）</translation>
    </message>
    <message>
        <source>This desk&apos;s key is revoked: it signs nothing</source>
        <translation>本工作站密钥已吊销：不能签发任何文书</translation>
    </message>
    <message>
        <source>This desk is not enrolled: ask the administrator to enrol it (Data maintenance page)</source>
        <translation>本工作站未登记：请管理员在“数据维护”页登记</translation>
    </message>
    <message>
        <source>Key {key}: permits, transfer forms and reports are signed only by an enrolled desk.</source>
        <translation>密钥 {key}：只有已登记的工作站才能签发通行证、转运交接单和报送。</translation>
    </message>
    <message>
        <source>● Database online</source>
        <translation>● 数据库在线</translation>
    </message>
    <message>
        <source>● Database OFFLINE</source>
        <translation>● 数据库离线</translation>
    </message>
    <message>
        <source>{count} overdue hand-offs</source>
        <translation>{count} 人引导超时</translation>
    </message>
    <message>
        <source>Patients sent to the fever clinic and not received in time. Click to open the hand-off board.</source>
        <translation>已引导前往发热门诊但未按时接收的患者。点击打开引导交接。</translation>
    </message>
    <message>
        <source>{count} time limits overdue</source>
        <translation>{count} 项时限已超时</translation>
    </message>
    <message>
        <source>Reports, investigations or test results past their time limit. Click to open the time-limit board.</source>
        <translation>网络直报、流调或检测结果已超过时限。点击打开时限看板。</translation>
    </message>
    <message>
        <source>{count} alerts open</source>
        <translation>{count} 条预警未处理</translation>
    </message>
    <message>
        <source>Early-warning alerts nobody has acknowledged yet. Click to open the early-warning page.</source>
        <translation>尚无人确认处理的预警。点击打开预警页面。</translation>
    </message>
</context>
<context>
    <name>MaintenancePage</name>
    <message>
        <source>Data maintenance</source>
        <translation>数据维护</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Copy the whole database into one file, checked after writing. Back up at least daily and keep copies on a USB disk stored elsewhere. Backups are kept in:</source>
        <translation>将整个数据库复制为一个文件，写入后自动校验。请至少每天备份一次，并在另处存放的 U 盘上保留副本。备份保存在：</translation>
    </message>
    <message>
        <source>The signing keys are NOT in this backup: keep the keys folder safe, or back them up with &apos;fever-sentinel backup --with-key&apos; (encrypted with a passphrase).</source>
        <translation>签名密钥不在此备份中：请妥善保管 keys 文件夹，或用“fever-sentinel backup --with-key”备份（以口令加密）。</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace ALL current data with a backup file. Everything recorded since that backup is lost (the current database is kept beside it as a dated copy). Everyone must log in again afterwards.</source>
        <translation>用备份文件替换当前全部数据。该备份之后记录的内容都将丢失（当前数据库会以带日期的副本保留在旁边）。之后所有人都须重新登录。</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Last backup: {path} ({size}).</source>
        <translation>最近一次备份：{path}（{size}）。</translation>
    </message>
    <message>
        <source>Save backup as</source>
        <translation>备份另存为</translation>
    </message>
    <message>
        <source>Fever Sentinel backup (*.sqlite3)</source>
        <translation>发热哨点工作站备份 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup done</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>The backup was written and checked:
{path}
{size}</source>
        <translation>备份已写入并通过校验：
{path}
{size}</translation>
    </message>
    <message>
        <source>Choose a backup to restore</source>
        <translation>选择要恢复的备份</translation>
    </message>
    <message>
        <source>Fever Sentinel backup (*.sqlite3);;All files (*)</source>
        <translation>发热哨点工作站备份 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace ALL current data with the backup
{path}?

Everything recorded after that backup is lost (the current database is kept beside it as a dated copy), and everyone must log in again.

Type the clinic code {code} to confirm:</source>
        <translation>用备份
{path}
替换当前全部数据？

该备份之后记录的内容都将丢失（当前数据库会以带日期的副本保留在旁边），所有人都须重新登录。

请输入本机构代码 {code} 以确认：</translation>
    </message>
    <message>
        <source>The backup was restored ({rows} trail entries checked). The replaced database is kept as {kept}. Please log in again.</source>
        <translation>备份已恢复（已核对 {rows} 条责任记录）。被替换的数据库保留为 {kept}。请重新登录。</translation>
    </message>
    <message>
        <source>Restore done</source>
        <translation>恢复完成</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Receive stock</source>
        <translation>物资入库</translation>
    </message>
    <message>
        <source>Issue stock</source>
        <translation>物资出库</translation>
    </message>
    <message>
        <source>{item}: {on_hand} {unit} on hand.</source>
        <translation>{item}：现有库存 {on_hand} {unit}。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Note (from / to whom)</source>
        <translation>备注（来源/去向）</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>出库</translation>
    </message>
</context>
<context>
    <name>OpenCasesDialog</name>
    <message>
        <source>Orphaned cases</source>
        <translation>无人负责的病例</translation>
    </message>
    <message>
        <source>Open cases whose responsible doctor&apos;s account is disabled, or whose hand-over waits for such an account: nobody can work on them. Reassign each to an active doctor.</source>
        <translation>以下未结病例的负责医生账号已停用，或移交申请正等待已停用账号答复：无人能够处理。请逐一改派给在岗医生。</translation>
    </message>
    <message>
        <source>No orphaned cases: every open case has an active responsible doctor.</source>
        <translation>没有无人负责的病例：每个未结病例都有在岗的负责医生。</translation>
    </message>
    <message>
        <source>Open cases of {name}</source>
        <translation>{name} 的未结病例</translation>
    </message>
    <message>
        <source>{name} ({username}) is still responsible for {count} open case(s). Reassign each to another doctor before disabling the account. If you disable it anyway, the cases are listed as orphaned until you reassign them.</source>
        <translation>{name}（{username}）仍负责 {count} 个未结病例。停用账号前请逐一改派给其他医生。如仍要停用，这些病例将列为无人负责的病例，直至改派。</translation>
    </message>
    <message>
        <source>{name} ({username}) has no open cases left: the account can be disabled.</source>
        <translation>{name}（{username}）已无未结病例：可以停用该账号。</translation>
    </message>
    <message>
        <source>&amp;Disable anyway</source>
        <translation>仍然停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Visit number</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>接诊时间</translation>
    </message>
    <message>
        <source>Responsible doctor</source>
        <translation>负责医生</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>改派(&amp;R)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Responsible doctor&apos;s account is disabled</source>
        <translation>负责医生账号已停用</translation>
    </message>
    <message>
        <source>Hand-over waiting for {doctor}</source>
        <translation>移交待 {doctor} 答复</translation>
    </message>
    <message>
        <source> (account disabled)</source>
        <translation>（账号已停用）</translation>
    </message>
    <message>
        <source>In a ward</source>
        <translation>已入住病区</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>OpenFailedDialog</name>
    <message>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Server: {host}, port {port}</source>
        <translation>服务器：{host}，端口 {port}</translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation>数据库：{database}</translation>
    </message>
    <message>
        <source>User: {user}</source>
        <translation>用户：{user}</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
</context>
<context>
    <name>OrderTestDialog</name>
    <message>
        <source>Order a test — {visit_no}</source>
        <translation>开具检测 — {visit_no}</translation>
    </message>
    <message>
        <source>A nucleic acid test starts its turnaround clock at the sample time: 6 h for fever clinic and emergency patients, 12 h for other patients and escorts, 24 h for voluntary testing. The patient waits under observation.</source>
        <translation>核酸检测自采样时间起计算结果回报时限：发热门诊和急诊患者 6 小时，其他门诊、住院患者及陪护 12 小时，愿检尽检 24 小时。患者在留观中等待结果。</translation>
    </message>
    <message>
        <source>&amp;Test:</source>
        <translation>检测项目(&amp;T)：</translation>
    </message>
    <message>
        <source>Tested &amp;as:</source>
        <translation>受检人群(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Sampled at:</source>
        <translation>采样时间(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Order test</source>
        <translation>开具检测(&amp;O)</translation>
    </message>
</context>
<context>
    <name>PatientSuggestionModel</name>
    <message>
        <source>last visit {visit_no}</source>
        <translation>上次就诊 {visit_no}</translation>
    </message>
</context>
<context>
    <name>PermitsPage</name>
    <message>
        <source>Escort and visitor permits</source>
        <translation>陪护证与探视证</translation>
    </message>
    <message>
        <source>&amp;Inpatient:</source>
        <translation>住院患者(&amp;I)：</translation>
    </message>
    <message>
        <source>Issue &amp;escort permit…</source>
        <translation>签发陪护证(&amp;E)…</translation>
    </message>
    <message>
        <source>Issue &amp;visitor permit…</source>
        <translation>签发探视证(&amp;V)…</translation>
    </message>
    <message>
        <source>Approve e&amp;xception…</source>
        <translation>批准例外(&amp;X)…</translation>
    </message>
    <message>
        <source>Valid permits &amp;only</source>
        <translation>仅显示有效证件(&amp;O)</translation>
    </message>
    <message>
        <source>Re&amp;print (lost card)…</source>
        <translation>补发（遗失）(&amp;P)…</translation>
    </message>
    <message>
        <source>Update escort&apos;s &amp;test…</source>
        <translation>更新陪护核酸(&amp;T)…</translation>
    </message>
    <message>
        <source>Print &amp;card…</source>
        <translation>打印证卡(&amp;C)…</translation>
    </message>
    <message>
        <source>Card size: CR80 is the size of an ID card; 58/80 mm for a slip printer</source>
        <translation>证卡尺寸：CR80 为身份证大小；58/80 mm 用于小票打印机</translation>
    </message>
    <message>
        <source>Card printing is not available in this version.</source>
        <translation>此版本不支持打印证卡。</translation>
    </message>
    <message>
        <source>{kind} {number} issued to {holder}. Print the card for the holder.</source>
        <translation>已向 {holder} 签发{kind} {number}，请打印证卡交给持证人。</translation>
    </message>
    <message>
        <source>Exception #{id} approved. Another staff member issues the permit now: the exception is used once.</source>
        <translation>特例 #{id} 已批准。请由另一名工作人员签发：该特例仅可使用一次。</translation>
    </message>
    <message>
        <source>Negative result of {number} updated: valid until {until}.</source>
        <translation>{number} 的核酸阴性结果已更新：有效至 {until}。</translation>
    </message>
    <message>
        <source>{number} revoked: the gates refuse it from now on.</source>
        <translation>{number} 已作废：各门岗即刻起拒绝该证。</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>作废(&amp;R)…</translation>
    </message>
    <message>
        <source>New card {number} issued; the old card no longer works. Print the new card.</source>
        <translation>已补发新证 {number}，旧证立即失效。请打印新证。</translation>
    </message>
</context>
<context>
    <name>PharmacyPage</name>
    <message>
        <source>Medicine purchases</source>
        <translation>药品登记</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>购药信息</translation>
    </message>
    <message>
        <source>&amp;Buyer&apos;s name:</source>
        <translation>购药人姓名(&amp;B)：</translation>
    </message>
    <message>
        <source>Fever-reducer, antiviral, antibiotic and cough medicine register</source>
        <translation>退热、抗病毒、抗菌及止咳药品购药登记</translation>
    </message>
    <message>
        <source>Register everyone who buys these medicines and give every buyer the guide slip to the fever clinic. Fever reducers are sold only on a prescription from a doctor at a level-2 or higher institution. Take the temperature: a buyer with fever is screened and registered like a walk-in patient.</source>
        <translation>购买以上药品的顾客一律登记，并给每位购药人打印发热门诊就诊引导单。无二级以上医疗机构医生处方不得出售退热药。请测量体温：发热的购药人按来院患者预检分诊并登记。</translation>
    </message>
    <message>
        <source>&amp;Phone (required):</source>
        <translation>联系电话（必填）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Kind of medicine:</source>
        <translation>药品类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;ID number (optional):</source>
        <translation>身份证号（选填）(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Medicine:</source>
        <translation>药品名称(&amp;M)：</translation>
    </message>
    <message>
        <source>Pres&amp;cription:</source>
        <translation>处方(&amp;C)：</translation>
    </message>
    <message>
        <source>Prescribing &amp;doctor:</source>
        <translation>开方医生(&amp;D)：</translation>
    </message>
    <message>
        <source>Prescribing i&amp;nstitution:</source>
        <translation>开方医疗机构(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>体温(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. 布洛芬缓释胶囊</source>
        <translation>如 布洛芬缓释胶囊</translation>
    </message>
    <message>
        <source>18-digit resident ID</source>
        <translation>18位居民身份证号</translation>
    </message>
    <message>
        <source>e.g. 县人民医院</source>
        <translation>如 县人民医院</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>S&amp;lip:</source>
        <translation>引导单纸张(&amp;L)：</translation>
    </message>
    <message>
        <source>Print slip a&amp;gain</source>
        <translation>重新打印引导单(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Record purchase (Enter)</source>
        <translation>登记(&amp;R)（回车）</translation>
    </message>
    <message>
        <source>Register a purchase</source>
        <translation>购药登记</translation>
    </message>
    <message>
        <source>Follow-up ({count})</source>
        <translation>追踪回访（{count}）</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>追踪回访</translation>
    </message>
    <message>
        <source>Without a prescription from a level-2 or higher institution&apos;s doctor, a fever reducer is not sold: the buyer is still registered and guided to the fever clinic.</source>
        <translation>无二级以上医疗机构医生处方不得出售退热药：购药人仍须登记，并引导至发热门诊就诊。</translation>
    </message>
    <message>
        <source>Do NOT sell: {name} has no prescription for a fever reducer from a doctor at a level-2 or higher institution. The buyer is registered: give them the guide slip to the fever clinic.</source>
        <translation>不得出售：{name} 没有二级以上医疗机构医生开具的退热药处方。已登记购药人，请交给其发热门诊就诊引导单。</translation>
    </message>
    <message>
        <source>{name} must go to the {decision}: register now.</source>
        <translation>{name} 须前往{decision}：请立即登记。</translation>
    </message>
    <message>
        <source>Recorded. {name} must go to the {decision}: register now.</source>
        <translation>已登记。{name} 须前往{decision}：请立即登记。</translation>
    </message>
    <message>
        <source>Recorded: {name}, {category}. Give the guide slip to the fever clinic.</source>
        <translation>已登记：{name}，{category}。请交给其发热门诊就诊引导单。</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview — {title}</source>
        <translation>打印预览 — {title}</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印{title}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Printing failed: check that the printer is on and has paper.</source>
        <translation>打印失败：请检查打印机是否开机、是否有纸。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>The file could not be saved. Choose another folder.</source>
        <translation>文件无法保存，请选择其他文件夹。</translation>
    </message>
</context>
<context>
    <name>Printers</name>
    <message>
        <source>guide slips</source>
        <translation>引导单</translation>
    </message>
    <message>
        <source>permit cards</source>
        <translation>陪护证/探视证</translation>
    </message>
    <message>
        <source>A4 forms</source>
        <translation>A4 表单</translation>
    </message>
    <message>
        <source>The printer last used for {kind}, “{old}”, is not available; the default printer “{new}” is selected.</source>
        <translation>上次打印{kind}所用的打印机“{old}”现在不可用，已改选默认打印机“{new}”。</translation>
    </message>
    <message>
        <source>The printer last used for {kind}, “{old}”, is not available, and there is no default printer: choose one.</source>
        <translation>上次打印{kind}所用的打印机“{old}”现在不可用，且没有默认打印机，请选择一台打印机。</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Guide slip {visit_no}</source>
        <translation>引导单 {visit_no}</translation>
    </message>
    <message>
        <source>Registration form {visit_no}</source>
        <translation>登记表 {visit_no}</translation>
    </message>
    <message>
        <source>Case timeline {visit_no}</source>
        <translation>病例时间线 {visit_no}</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>Buyer&apos;s guide slip {number}</source>
        <translation>购药人就诊引导单 {number}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reprint permit</source>
        <translation>补发证件</translation>
    </message>
    <message>
        <source>A new card replaces {number} ({holder}). The old card stops working at once, at every gate.</source>
        <translation>新证替换 {number}（{holder}），旧证在所有门岗立即失效。</translation>
    </message>
    <message>
        <source>e.g. card lost, card damaged</source>
        <translation>例如：证件遗失、证件损坏</translation>
    </message>
    <message>
        <source>&amp;Reprint</source>
        <translation>补发(&amp;R)</translation>
    </message>
    <message>
        <source>Revoke permit</source>
        <translation>作废证件</translation>
    </message>
    <message>
        <source>Revoke {number} ({holder}): the gates refuse it from now on.</source>
        <translation>作废 {number}（{holder}）：各门岗即刻起拒绝该证。</translation>
    </message>
    <message>
        <source>e.g. escort has a fever</source>
        <translation>例如：陪护人发热</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>作废(&amp;V)</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Reassign case {visit_no}</source>
        <translation>改派病例 {visit_no}</translation>
    </message>
    <message>
        <source>Patient {patient} ({classification}), responsible doctor {doctor}.</source>
        <translation>患者 {patient}（{classification}），负责医生 {doctor}。</translation>
    </message>
    <message>
        <source>The hand-over waiting for {doctor} is cancelled.</source>
        <translation>待 {doctor} 答复的移交申请将被取消。</translation>
    </message>
    <message>
        <source>&amp;New responsible doctor:</source>
        <translation>新负责医生(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. the doctor has left; recorded in the audit trail</source>
        <translation>例如：原医生已调离；将记入操作记录</translation>
    </message>
    <message>
        <source>&amp;Reassign</source>
        <translation>改派(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ReceiveTransferPage</name>
    <message>
        <source>Receive a transfer</source>
        <translation>接收转运患者</translation>
    </message>
    <message>
        <source>Receive a transferred patient</source>
        <translation>接收转运患者</translation>
    </message>
    <message>
        <source>Scan the QR code on the handover form the ambulance brings. Its signature is checked against the clinics this site trusts. Then record who received the patient and print the receipt: the sending clinic scans its QR to complete the transfer.</source>
        <translation>扫描救护车带来的转运交接单上的二维码，系统用本机构信任的机构公钥核验签名。然后登记接收人员并打印回执：转出机构扫描回执二维码即可完成交接。</translation>
    </message>
    <message>
        <source>Handover &amp;QR:</source>
        <translation>交接单二维码(&amp;Q)：</translation>
    </message>
    <message>
        <source>scan the QR code on the handover form</source>
        <translation>扫描转运交接单上的二维码</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>核验(&amp;C)</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>接收登记</translation>
    </message>
    <message>
        <source>Receiving s&amp;taff:</source>
        <translation>接收人员(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>科室(&amp;D)：</translation>
    </message>
    <message>
        <source>Condition on a&amp;rrival:</source>
        <translation>到达时病情(&amp;R)：</translation>
    </message>
    <message>
        <source>Record and &amp;print receipt</source>
        <translation>登记并打印回执(&amp;P)</translation>
    </message>
    <message>
        <source>Receipt for the sending clinic</source>
        <translation>给转出机构的回执</translation>
    </message>
    <message>
        <source>Print &amp;receipt…</source>
        <translation>打印回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Save QR as P&amp;NG…</source>
        <translation>二维码另存为 PNG(&amp;N)…</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>交接单无法核验：{reason} 患者照常接收并救治。</translation>
    </message>
    <message>
        <source>From clinic</source>
        <translation>转出机构</translation>
    </message>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>{years} years</source>
        <translation>{years} 岁</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>病例分类</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的医院</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Signature verified: this handover form is genuine.</source>
        <translation>签名核验通过：该交接单真实有效。</translation>
    </message>
    <message>
        <source>Visit {visit_no} from {clinic} received at {time} by {staff} ({department}), condition on arrival: {condition}. The ambulance crew takes the printed receipt back; the sending clinic scans its QR.</source>
        <translation>就诊号 {visit_no}（来自 {clinic}）已于 {time} 由{staff}（{department}）接收，到达时病情：{condition}。救护车组人员将打印的回执带回，由转出机构扫描其二维码。</translation>
    </message>
    <message>
        <source>Transfer receipt</source>
        <translation>转运接收回执</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>On arrival</source>
        <translation>到达时病情</translation>
    </message>
    <message>
        <source>Sending clinic: scan this QR on the transfer board.</source>
        <translation>转出机构：请在转运看板扫描此二维码。</translation>
    </message>
    <message>
        <source>Transfer receipt {visit_no}</source>
        <translation>转运接收回执 {visit_no}</translation>
    </message>
    <message>
        <source>Save QR as PNG</source>
        <translation>二维码另存为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>The file could not be written. Choose another folder.</source>
        <translation>无法写入文件。请选择其他文件夹。</translation>
    </message>
</context>
<context>
    <name>RegistrationForm</name>
    <message>
        <source>Fever patient registration</source>
        <translation>发热患者登记</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>现住址(&amp;D)：</translation>
    </message>
    <message>
        <source>Occ&amp;upation:</source>
        <translation>职业(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Workplace / school:</source>
        <translation>工作单位/学校(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Onset date:</source>
        <translation>发病日期(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Vaccine doses:</source>
        <translation>疫苗接种剂次(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Health code:</source>
        <translation>健康码(&amp;H)：</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, or days ago (0 = today)</source>
        <translation>年-月-日，或几天前（0 = 今天）</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>Returning patients</source>
        <translation>复诊患者</translation>
    </message>
    <message>
        <source>Typing a name, pinyin initials, ID or phone number lists earlier patients. Press ↓ to choose, Enter to use.</source>
        <translation>输入姓名、拼音首字母、证件号或电话，会列出以前的患者。按 ↓ 选择，回车确认。</translation>
    </message>
    <message>
        <source>Register as a &amp;new patient instead</source>
        <translation>改为登记新患者(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save registration (Enter)</source>
        <translation>保存登记(&amp;S)（回车）</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>{decision} — register, then escort the patient. {temperature} {reasons}</source>
        <translation>{decision} — 请登记，然后专人引导。{temperature} {reasons}</translation>
    </message>
    <message>
        <source>From the pharmacy register at {time}: name, phone, ID number and temperature are carried over. Check them with the patient.</source>
        <translation>来自药店登记（{time}）：姓名、电话、身份证号和体温已带入，请与患者核对。</translation>
    </message>
    <message>
        <source>From the pharmacy counter: check the health code here.</source>
        <translation>来自药店登记：请在此查验健康码。</translation>
    </message>
    <message>
        <source>Returning patient: {name}. This visit is added to their record.</source>
        <translation>复诊患者：{name}。本次就诊将记入其档案。</translation>
    </message>
    <message>
        <source>ID number of another patient</source>
        <translation>证件号码属于另一位患者</translation>
    </message>
    <message>
        <source>This ID number belongs to another patient record: {name} (last visit {visit_no}). Use that record for this visit instead? The form is filled from it for you to check and save; the record you picked first is left unchanged.</source>
        <translation>该证件号码属于另一位患者的档案：{name}（最近就诊号 {visit_no}）。改为在该档案下登记本次就诊吗？表单将按该档案填写，请核对后保存；原先选择的档案不作更改。</translation>
    </message>
    <message>
        <source>Known patient</source>
        <translation>已有档案的患者</translation>
    </message>
    <message>
        <source>This ID number belongs to {name}, registered before (last visit {visit_no}). Register this visit on that record, updating it with what you typed?</source>
        <translation>该证件号码属于以前登记过的 {name}（上次就诊 {visit_no}）。是否把本次就诊记入该档案，并用刚填写的内容更新档案？</translation>
    </message>
    <message>
        <source>Leave without registering?</source>
        <translation>不登记就离开吗？</translation>
    </message>
    <message>
        <source>The screening stays counted, but this patient is not registered or escorted. Leave the registration?</source>
        <translation>筛查已计数，但该患者未登记，也未引导。确定离开登记吗？</translation>
    </message>
</context>
<context>
    <name>ReportCountsModel</name>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>{row} ({item})</source>
        <translation>{row}（{item}）</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Daily report</source>
        <translation>日报告</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>S&amp;ubmit…</source>
        <translation>提交(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Print / Save PDF…</source>
        <translation>打印 / 保存 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Correction &amp;note:</source>
        <translation>更正说明(&amp;N)：</translation>
    </message>
    <message>
        <source>What was wrong in the submitted version</source>
        <translation>已提交版本中哪里有误</translation>
    </message>
    <message>
        <source>Submit &amp;correction…</source>
        <translation>提交更正(&amp;C)…</translation>
    </message>
    <message>
        <source>Zero report: no new suspected, confirmed or asymptomatic case and no positive nucleic acid or antigen result this day.</source>
        <translation>零报告：本日无新增疑似、确诊病例和无症状感染者，无核酸或抗原阳性结果。</translation>
    </message>
    <message>
        <source>Submitted versions</source>
        <translation>已提交版本</translation>
    </message>
    <message>
        <source>County hub</source>
        <translation>县平台</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Hub &amp;address:</source>
        <translation>平台地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Save address</source>
        <translation>保存地址</translation>
    </message>
    <message>
        <source>CA c&amp;ertificate:</source>
        <translation>根证书文件(&amp;E)：</translation>
    </message>
    <message>
        <source>Only if the county uses its own CA: its certificate file</source>
        <translation>仅当县里使用自建 CA 时填写：其根证书文件</translation>
    </message>
    <message>
        <source>The county&apos;s CA (root) certificate that signs the hub&apos;s HTTPS certificate. It is kept in the clinic&apos;s database, so every desk trusts the hub. Empty: only the usual certificate authorities.</source>
        <translation>县里用来签发县平台 HTTPS 证书的 CA 根证书。它保存在本机构的数据库中，各工作站都据此信任县平台。留空：只信任通用的证书颁发机构。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Save certificate</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <source>No network to the county? Carry the queued reports on a USB drive, then import the county&apos;s receipt here.</source>
        <translation>无法连接县级平台？可将待报送内容用 U 盘带到县级平台，再在此导入县级平台的回执。</translation>
    </message>
    <message>
        <source>Export pending file (USB)…</source>
        <translation>导出待报送文件（U盘）…</translation>
    </message>
    <message>
        <source>Import receipt…</source>
        <translation>导入回执…</translation>
    </message>
    <message>
        <source>Import county lists…</source>
        <translation>导入县级清单…</translation>
    </message>
    <message>
        <source>Au&amp;tomatic submission at:</source>
        <translation>自动提交时间(&amp;T)：</translation>
    </message>
    <message>
        <source>A day&apos;s report not submitted by this time the next day (clinic time) is submitted automatically.</source>
        <translation>当天的报告未在次日此时间前提交的，系统自动提交。</translation>
    </message>
    <message>
        <source>Save time</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Draft — not submitted yet</source>
        <translation>草稿——尚未提交</translation>
    </message>
    <message>
        <source>Submitted automatically — version {version}</source>
        <translation>已自动提交——第 {version} 版</translation>
    </message>
    <message>
        <source>Submitted — version {version}</source>
        <translation>已提交——第 {version} 版</translation>
    </message>
    <message>
        <source>Audit anchor: trail entry No. {seq}, hash {hash}…</source>
        <translation>审计锚点：追溯记录第 {seq} 条，哈希 {hash}…</translation>
    </message>
    <message>
        <source>Submit the ZERO report for {day} to the county? It cannot be changed afterwards, only corrected.</source>
        <translation>向县平台提交 {day} 的零报告？提交后不可修改，只能更正。</translation>
    </message>
    <message>
        <source>Submit the report for {day} to the county? It cannot be changed afterwards, only corrected.</source>
        <translation>向县平台提交 {day} 的日报告？提交后不可修改，只能更正。</translation>
    </message>
    <message>
        <source>Submit report</source>
        <translation>提交报告</translation>
    </message>
    <message>
        <source>Submit correction</source>
        <translation>提交更正</translation>
    </message>
    <message>
        <source>Submit a corrected report for {day} as a new version?</source>
        <translation>将 {day} 的更正报告作为新版本提交？</translation>
    </message>
    <message>
        <source>Daily report {day}</source>
        <translation>日报告 {day}</translation>
    </message>
    <message>
        <source>Counts only — no names or ID numbers — for one clinic day, sent to the county. A day not submitted in time is submitted automatically the next day. A submitted report never changes: a correction is a new version with a note.</source>
        <translation>按日上报县平台的统计数（不含姓名、证件号码）。到时未提交的，次日由系统自动提交。已提交的报告不可修改，更正即提交附说明的新版本。</translation>
    </message>
    <message>
        <source>Counts only — no names or ID numbers — for one clinic day, sent to the county. A day not submitted by {time} the next day (clinic time) is submitted automatically. A submitted report never changes: a correction is a new version with a note.</source>
        <translation>按日上报县平台的统计数（不含姓名、证件号码）。次日 {time} 前未提交的，系统自动提交。已提交的报告不可修改，更正即提交附说明的新版本。</translation>
    </message>
    <message>
        <source>County CA certificate</source>
        <translation>选择县级平台根证书</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.cer *.pem *.der);;All files (*)</source>
        <translation>证书 (*.crt *.cer *.pem *.der);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export pending file</source>
        <translation>导出待报送文件</translation>
    </message>
    <message>
        <source>Fever Sentinel files (*.json)</source>
        <translation>发热哨点文件 (*.json)</translation>
    </message>
    <message>
        <source>{count} queued submission(s) written to {path}. Take the file to the county; nothing counts as delivered until you import its receipt.</source>
        <translation>已将 {count} 份待报送内容写入 {path}。请将文件送交县级平台；导入其回执之前，均不算已送达。</translation>
    </message>
    <message>
        <source>Import the county&apos;s receipt</source>
        <translation>导入县级平台回执</translation>
    </message>
    <message>
        <source>Receipt imported: {delivered} delivered now, {already} delivered before, {refused} refused by the county (see the queue).</source>
        <translation>回执已导入：本次确认送达 {delivered} 份，此前已送达 {already} 份，县级平台退回 {refused} 份（见待报送队列）。</translation>
    </message>
    <message>
        <source>Import the county&apos;s lists</source>
        <translation>导入县级清单</translation>
    </message>
    <message>
        <source>Nothing new in the county&apos;s file: the lists here are current.</source>
        <translation>县级文件中没有新内容：本机构清单已是最新。</translation>
    </message>
    <message>
        <source>County lists applied: {areas} risk areas, {hospitals} hospitals.</source>
        <translation>已应用县级清单：风险地区 {areas} 项，定点医院 {hospitals} 项。</translation>
    </message>
    <message>
        <source>Trusted: {subject}, valid until {date}; SHA-256 {fingerprint}…</source>
        <translation>已信任：{subject}，有效期至 {date}；SHA-256 {fingerprint}…</translation>
    </message>
    <message>
        <source>No CA certificate set: the hub&apos;s certificate must come from a public certificate authority.</source>
        <translation>未设置根证书：县平台的证书须由公共证书颁发机构签发。</translation>
    </message>
</context>
<context>
    <name>ReportVersionsModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动提交</translation>
    </message>
    <message>
        <source>correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>手动提交</translation>
    </message>
    <message>
        <source>{how}, zero report</source>
        <translation>{how}，零报告</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Set a new password for {name} ({username}). Any lock-out is lifted.</source>
        <translation>为 {name}（{username}）设置新密码，同时解除账户锁定。</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>Confir&amp;m password:</source>
        <translation>确认密码(&amp;M)：</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>&amp;Reset password</source>
        <translation>重置密码(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <source>Record result — test #{id}</source>
        <translation>录入结果 — 检测单 #{id}</translation>
    </message>
    <message>
        <source>{test} (#{id}), {population}, sampled at {time}.</source>
        <translation>{test}（#{id}），{population}，采样于 {time}。</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>结果(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Ct value:</source>
        <translation>Ct 值(&amp;C)：</translation>
    </message>
    <message>
        <source>optional, nucleic acid only</source>
        <translation>可不填，仅核酸检测</translation>
    </message>
    <message>
        <source>Result &amp;time:</source>
        <translation>结果时间(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Lab:</source>
        <translation>检测机构(&amp;L)：</translation>
    </message>
    <message>
        <source>e.g. county CDC laboratory</source>
        <translation>例如：县疾控中心实验室</translation>
    </message>
    <message>
        <source>Positive: on saving, the case window goes straight to the classification, and the 2 h direct network report clock starts from the result time.</source>
        <translation>阳性：保存后立即转到病例分类，网络直报 2 小时时限自结果时间起计。</translation>
    </message>
    <message>
        <source>&amp;Save result</source>
        <translation>保存结果(&amp;S)</translation>
    </message>
</context>
<context>
    <name>RiskAreaModel</name>
    <message>
        <source>Area</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Imported file</source>
        <translation>文件导入</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>County hub</source>
        <translation>县级平台</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Last test</source>
        <translation>最近检测</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Next test by</source>
        <translation>下次检测截止</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Off the roster</source>
        <translation>移出名单</translation>
    </message>
    <message>
        <source>(no log-in)</source>
        <translation>（无登录账号）</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Area</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>In the plan&apos;s words</source>
        <translation>方案原文</translation>
    </message>
    <message>
        <source>Figures in force</source>
        <translation>现行数值</translation>
    </message>
    <message>
        <source>{rule} (not in this clinic mode)</source>
        <translation>{rule}（本机构当前模式不适用）</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>Rules in force</source>
        <translation>规则与时限</translation>
    </message>
    <message>
        <source>Rules in force and their time limits</source>
        <translation>现行规则与时限</translation>
    </message>
    <message>
        <source>Every guideline rule this clinic works by, the plan&apos;s words it comes from and the figures in force. The desks enforce them; where a rule allows an exception, it needs a second person&apos;s approval with a reason and is counted in the daily report.</source>
        <translation>本机构执行的每条防控规则、所依据的方案原文及现行数值。各工作站据此执行；规则允许的特殊情况须由第二人批准并说明理由，计入日报告。</translation>
    </message>
    <message>
        <source>You can change the figures of the fever clinic and the wards below; the screening and transfer figures on their own pages.</source>
        <translation>发热门诊和病区的数值可在下方修改；预检分诊和转运的数值在各自的设置页修改。</translation>
    </message>
    <message>
        <source>Only an administrator can change the figures.</source>
        <translation>仅管理员可修改数值。</translation>
    </message>
    <message>
        <source>Figures of the selected rule</source>
        <translation>所选规则的数值</translation>
    </message>
    <message>
        <source>Choose a rule above to see its figures.</source>
        <translation>请在上方选择一条规则，查看其数值。</translation>
    </message>
    <message>
        <source>This rule uses no figure.</source>
        <translation>该规则不涉及可设定的数值。</translation>
    </message>
    <message>
        <source>Sa&amp;ve figures</source>
        <translation>保存数值(&amp;V)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新载入(&amp;L)</translation>
    </message>
    <message>
        <source>Clinic mode: {mode}. {explanation}</source>
        <translation>本机构模式：{mode}。{explanation}</translation>
    </message>
    <message>
        <source>{where}. Source: “{source}”</source>
        <translation>{where}。依据：“{source}”</translation>
    </message>
    <message>
        <source>({minimum}–{maximum})</source>
        <translation>（{minimum}–{maximum}）</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>数值未改动。</translation>
    </message>
    <message>
        <source>Saved. The desks use the new figures from now on.</source>
        <translation>已保存，各工作站即时按新数值执行。</translation>
    </message>
    <message>
        <source>Another desk changed these figures meanwhile. The figures now in force are shown: check them and change them again.</source>
        <translation>其他工作站已同时修改了这些数值。现显示的是现行数值：请核对后重新修改。</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>Record a staff test</source>
        <translation>登记工作人员核酸检测</translation>
    </message>
    <message>
        <source>{name} ({post}): the day the sample was taken and its result. A positive result raises an alert at once.</source>
        <translation>{name}（{post}）：填写采样日期和结果。结果阳性将立即预警。</translation>
    </message>
    <message>
        <source>Record an environmental swab</source>
        <translation>登记环境表面采样</translation>
    </message>
    <message>
        <source>Where the surface swab was taken, which day, and its result. A positive result raises an alert at once.</source>
        <translation>填写环境表面采样的地点、日期和结果。结果阳性将立即预警。</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>采样地点</translation>
    </message>
    <message>
        <source>Sampled on</source>
        <translation>采样日期</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
</context>
<context>
    <name>ScreeningForm</name>
    <message>
        <source>&amp;Temperature</source>
        <translation>体温(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Measured at</source>
        <translation>测温部位(&amp;M)</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>On oxygen</source>
        <translation>吸氧</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Epidemiological history</source>
        <translation>流行病学史</translation>
    </message>
    <message>
        <source>&amp;Onset date:</source>
        <translation>发病日期(&amp;O)：</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, or days ago (0 = today)</source>
        <translation>年-月-日，或几天前（0 = 今天）</translation>
    </message>
    <message>
        <source>T&amp;ravel ({days} days before onset):</source>
        <translation>旅居史(&amp;R)（发病前{days}天内）：</translation>
    </message>
    <message>
        <source>Place stayed, e.g. 广州白云</source>
        <translation>旅居地，如 广州白云</translation>
    </message>
    <message>
        <source>last day</source>
        <translation>离开日期</translation>
    </message>
    <message>
        <source>date/days</source>
        <translation>日期/天数</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Contact with a &amp;case</source>
        <translation>接触过病例(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;luster of cases</source>
        <translation>聚集性发病(&amp;L)</translation>
    </message>
    <message>
        <source>Took fever medicine bought &amp;elsewhere</source>
        <translation>在外自购退热药(&amp;E)</translation>
    </message>
    <message>
        <source>Health co&amp;de:</source>
        <translation>健康码(&amp;D)：</translation>
    </message>
    <message>
        <source>High-risk &amp;job:</source>
        <translation>高风险岗位(&amp;J)：</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>分诊结果</translation>
    </message>
    <message>
        <source>&amp;Nurse&apos;s decision:</source>
        <translation>护士分诊(&amp;N)：</translation>
    </message>
    <message>
        <source>As assessed</source>
        <translation>按规则结果</translation>
    </message>
    <message>
        <source>Reason for lo&amp;wering:</source>
        <translation>降级原因(&amp;W)：</translation>
    </message>
    <message>
        <source>Required when the decision is lowered</source>
        <translation>降低分诊级别时必填</translation>
    </message>
    <message>
        <source>Record (Enter)</source>
        <translation>记录（回车）</translation>
    </message>
    <message>
        <source>Clear (Esc)</source>
        <translation>清空（Esc）</translation>
    </message>
    <message>
        <source>Check the input</source>
        <translation>请检查填写内容</translation>
    </message>
    <message>
        <source>Enter the temperature</source>
        <translation>请输入体温</translation>
    </message>
    <message>
        <source>{area}: {level}</source>
        <translation>{area}：{level}</translation>
    </message>
    <message>
        <source>No fever, symptoms or epidemiological risk</source>
        <translation>无发热、无症状、无流行病学风险</translation>
    </message>
    <message>
        <source>⚠ Unusually low temperature: measure again</source>
        <translation>⚠ 体温异常偏低：请复测</translation>
    </message>
    <message>
        <source>⚠ Unusually high temperature: measure again</source>
        <translation>⚠ 体温异常偏高：请复测</translation>
    </message>
    <message>
        <source>Unusual temperature</source>
        <translation>体温异常</translation>
    </message>
    <message>
        <source>{temperature} °C is unusual for a living person. Was it measured correctly? Choose Yes to record it anyway, No to measure again.</source>
        <translation>{temperature} °C 很不寻常，测量是否准确？选“是”仍然记录，选“否”重新测量。</translation>
    </message>
    <message>
        <source>Unusual reading</source>
        <translation>读数异常</translation>
    </message>
    <message>
        <source>{warnings}
Choose Yes to record it anyway, No to measure again.</source>
        <translation>{warnings}
选“是”仍然记录，选“否”重新测量。</translation>
    </message>
    <message>
        <source>Recorded at {time}: {temperature} °C → {decision}</source>
        <translation>{time} 已记录：{temperature} °C → {decision}</translation>
    </message>
    <message>
        <source>Screened today: {count}</source>
        <translation>今日已筛查：{count} 人次</translation>
    </message>
</context>
<context>
    <name>SecondPerson</name>
    <message>
        <source>Approver&apos;s &amp;user name:</source>
        <translation>批准人用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Approver&apos;s &amp;password:</source>
        <translation>批准人密码(&amp;P)：</translation>
    </message>
    <message>
        <source>not yours: the second person&apos;s</source>
        <translation>不能是您本人：由第二人填写</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Default &amp;printer:</source>
        <translation>默认打印机(&amp;P)：</translation>
    </message>
    <message>
        <source>Lock after &amp;idle:</source>
        <translation>无操作自动锁屏(&amp;I)：</translation>
    </message>
    <message>
        <source>Slip pape&amp;r:</source>
        <translation>小票纸张(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Workstation name:</source>
        <translation>工作站名称(&amp;W)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>58 mm roll</source>
        <translation>58 mm 卷纸</translation>
    </message>
    <message>
        <source>80 mm roll</source>
        <translation>80 mm 卷纸</translation>
    </message>
    <message>
        <source>A6 sheet</source>
        <translation>A6 单页</translation>
    </message>
    <message>
        <source>Recorded with every entry in the responsibility trail.</source>
        <translation>每条责任追溯记录都会记下此名称。</translation>
    </message>
    <message>
        <source>Idle lock and workstation name can only be changed by an administrator.</source>
        <translation>自动锁屏时间和工作站名称只能由管理员修改。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>设置无法保存：{reason}</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Fever Sentinel — first-time set-up</source>
        <translation>发热哨点工作站 — 首次设置</translation>
    </message>
    <message>
        <source>Welcome to Fever Sentinel</source>
        <translation>欢迎使用发热哨点工作站</translation>
    </message>
    <message>
        <source>This workstation has no clinic yet. Set up your clinic and its first administrator, or explore with a demo clinic.</source>
        <translation>本工作站尚未设置机构。请设置本机构及第一个管理员账户，或先用演示机构熟悉操作。</translation>
    </message>
    <message>
        <source>&amp;Set up my clinic</source>
        <translation>设置本机构(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Explore with a demo clinic (sample accounts, not for real patients)</source>
        <translation>使用演示机构体验(&amp;E)（示例账户，不得用于真实患者）</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>第一个管理员</translation>
    </message>
    <message>
        <source>Clinic &amp;name:</source>
        <translation>机构名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Clinic c&amp;ode:</source>
        <translation>机构代码(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>机构级别(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;How fever patients are handled:</source>
        <translation>发热诊疗模式(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Confir&amp;m password:</source>
        <translation>确认密码(&amp;M)：</translation>
    </message>
    <message>
        <source>e.g. HN0231 (capital letters and digits)</source>
        <translation>例如 HN0231（大写字母和数字）</translation>
    </message>
    <message>
        <source>e.g. Qingshui Township Health Centre</source>
        <translation>例如 清水镇卫生院</translation>
    </message>
    <message>
        <source>e.g. admin (lower-case letters and digits)</source>
        <translation>例如 admin（小写字母和数字）</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>The demo clinic has one account per role ({users}); every demo password is {password}. Use it to explore, never for real patients.</source>
        <translation>演示机构为每个角色各准备了一个账户（{users}），密码均为 {password}。仅供熟悉操作，不得用于真实患者。</translation>
    </message>
    <message>
        <source>Open the &amp;demo clinic</source>
        <translation>打开演示机构(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Create clinic</source>
        <translation>创建机构(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>Add to the key-post staff roster</source>
        <translation>加入重点岗位人员名单</translation>
    </message>
    <message>
        <source>Choose the person&apos;s account, or leave it empty and enter the name of staff without a log-in (drivers, cleaners).</source>
        <translation>选择此人的登录账号；无登录账号的人员（司机、保洁等）请留空并填写姓名。</translation>
    </message>
    <message>
        <source>(no log-in)</source>
        <translation>（无登录账号）</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加入</translation>
    </message>
</context>
<context>
    <name>StaffTestingPage</name>
    <message>
        <source>Staff testing</source>
        <translation>人员核酸检测</translation>
    </message>
    <message>
        <source>Key-post staff testing</source>
        <translation>重点岗位人员核酸检测</translation>
    </message>
    <message>
        <source>Environmental surface swabs (last {days} days)</source>
        <translation>环境表面采样（近 {days} 天）</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>加入(&amp;A)…</translation>
    </message>
    <message>
        <source>Record &amp;test…</source>
        <translation>登记检测(&amp;T)…</translation>
    </message>
    <message>
        <source>Record s&amp;wab…</source>
        <translation>登记环境采样(&amp;W)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>{total} on the roster · off duty (positive): {off_duty} · overdue: {overdue} · due today: {due}</source>
        <translation>名单 {total} 人 · 暂停岗位（阳性）：{off_duty} · 逾期未检：{overdue} · 今日应检：{due}</translation>
    </message>
    <message>
        <source>Back on the roster</source>
        <translation>重新列入名单</translation>
    </message>
    <message>
        <source>Off the roster</source>
        <translation>移出名单</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Fever Sentinel cannot start</source>
        <translation>发热哨点工作站无法启动</translation>
    </message>
</context>
<context>
    <name>StockModel</name>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Daily use at full load</source>
        <translation>满负荷日用量</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可用天数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>StockpilePage</name>
    <message>
        <source>Stockpile</source>
        <translation>物资储备</translation>
    </message>
    <message>
        <source>Stockpile: days of cover at full load</source>
        <translation>物资储备：满负荷运转可用天数</translation>
    </message>
    <message>
        <source>&amp;Receive…</source>
        <translation>入库(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Issue…</source>
        <translation>出库(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Add item…</source>
        <translation>新增品种(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Needed: {days} days at full load · short: {short}</source>
        <translation>要求：满足 {days} 天满负荷运转 · 储备不足：{short} 种</translation>
    </message>
    <message>
        <source> · lowest: {item}, {cover:.1f} days</source>
        <translation> · 最低：{item}，{cover:.1f} 天</translation>
    </message>
</context>
<context>
    <name>SwabModel</name>
    <message>
        <source>Sampled on</source>
        <translation>采样日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>采样地点</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>County hub: …</source>
        <translation>县平台：…</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>certificate problem</source>
        <translation>证书有问题</translation>
    </message>
    <message>
        <source>county list refused</source>
        <translation>县级名单有误未更新</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>not tried yet</source>
        <translation>尚未连接</translation>
    </message>
    <message>
        <source>County hub: {state}</source>
        <translation>县平台：{state}</translation>
    </message>
    <message>
        <source>last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
    <message>
        <source>{count} queued</source>
        <translation>待发送 {count} 条</translation>
    </message>
    <message>
        <source>{count} need attention</source>
        <translation>{count} 条需处理</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
</context>
<context>
    <name>TemperatureHint</name>
    <message>
        <source>{value}: not a body temperature (possible: {low}–{high} °C). Check the thermometer and measure again.</source>
        <translation>{value}：不可能是体温（应在 {low}–{high} °C 之间）。请检查体温计，重新测量。</translation>
    </message>
    <message>
        <source>{value}: unusually low, measure again</source>
        <translation>{value}：体温异常偏低，请复测</translation>
    </message>
    <message>
        <source>{value}: unusually high, measure again</source>
        <translation>{value}：体温异常偏高，请复测</translation>
    </message>
</context>
<context>
    <name>TestsModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>检测项目</translation>
    </message>
    <message>
        <source>Tested as</source>
        <translation>受检人群</translation>
    </message>
    <message>
        <source>Sampled at</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Ct</source>
        <translation>Ct 值</translation>
    </message>
    <message>
        <source>Result at</source>
        <translation>结果时间</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>检测机构</translation>
    </message>
    <message>
        <source>Ordered by</source>
        <translation>开单医生</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>travel</source>
        <translation>旅居史</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>接触史</translation>
    </message>
    <message>
        <source>exposures</source>
        <translation>暴露史</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>findings</source>
        <translation>诊查所见</translation>
    </message>
    <message>
        <source>{temperature} °C; decision: {decision}</source>
        <translation>体温 {temperature} °C；结论：{decision}</translation>
    </message>
    <message>
        <source>; reasons: {reasons}</source>
        <translation>；依据：{reasons}</translation>
    </message>
    <message>
        <source>; changed by the nurse: {reason}</source>
        <translation>；护士调整：{reason}</translation>
    </message>
    <message>
        <source>At the pharmacy counter: {what}</source>
        <translation>药店购药：{what}</translation>
    </message>
    <message>
        <source>; decision: {decision}</source>
        <translation>；结论：{decision}</translation>
    </message>
    <message>
        <source>Registered as a returning patient</source>
        <translation>登记（老患者）</translation>
    </message>
    <message>
        <source>Registered as a new patient</source>
        <translation>登记（新患者）</translation>
    </message>
    <message>
        <source>Escort {escort}, expected by {time}</source>
        <translation>陪同 {escort}，应于 {time} 前到达</translation>
    </message>
    <message>
        <source>Arrived after {minutes} min (late)</source>
        <translation>用时 {minutes} 分钟到达（超时）</translation>
    </message>
    <message>
        <source>Arrived after {minutes} min</source>
        <translation>用时 {minutes} 分钟到达</translation>
    </message>
    <message>
        <source>Noticed by {noticed}, reported to {reported}</source>
        <translation>发现人 {noticed}，已报告 {reported}</translation>
    </message>
    <message>
        <source>Took the case; responsible doctor: {doctor}</source>
        <translation>接诊，首诊负责医生：{doctor}</translation>
    </message>
    <message>
        <source>Asked {to} to take over: {reason}</source>
        <translation>申请交接给 {to}：{reason}</translation>
    </message>
    <message>
        <source>{to} took over the case from {frm}</source>
        <translation>{to} 从 {frm} 接手本病例</translation>
    </message>
    <message>
        <source>{to} declined to take over from {frm}: {note}</source>
        <translation>{to} 拒绝接手 {frm} 的病例：{note}</translation>
    </message>
    <message>
        <source>Saved without changes</source>
        <translation>保存，无改动</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>started: {clocks}</source>
        <translation>开始计时：{clocks}</translation>
    </message>
    <message>
        <source>{count} time limit(s) met</source>
        <translation>完成时限 {count} 项</translation>
    </message>
    <message>
        <source>{count} time limit(s) settled</source>
        <translation>结束时限 {count} 项</translation>
    </message>
    <message>
        <source>; {part}</source>
        <translation>；{part}</translation>
    </message>
    <message>
        <source>{figure}: {before} → {after}</source>
        <translation>{figure}：{before} → {after}</translation>
    </message>
    <message>
        <source>Changed: {changes}</source>
        <translation>修改了：{changes}</translation>
    </message>
    <message>
        <source>ward {value}</source>
        <translation>病区 {value}</translation>
    </message>
    <message>
        <source>bed {value}</source>
        <translation>床位 {value}</translation>
    </message>
    <message>
        <source>advice: {value}</source>
        <translation>医嘱：{value}</translation>
    </message>
    <message>
        <source>excluded by test #{value}</source>
        <translation>排除依据检测单 #{value}</translation>
    </message>
    <message>
        <source>left at {value}</source>
        <translation>离开时间 {value}</translation>
    </message>
    <message>
        <source>noticed by {value}</source>
        <translation>发现人 {value}</translation>
    </message>
    <message>
        <source>reported to {value}</source>
        <translation>已报告 {value}</translation>
    </message>
    <message>
        <source>died at {value}</source>
        <translation>死亡时间 {value}</translation>
    </message>
    <message>
        <source>certified by {value}</source>
        <translation>死亡证明医生 {value}</translation>
    </message>
    <message>
        <source>single room in the buffer ward</source>
        <translation>缓冲病区单人单间</translation>
    </message>
    <message>
        <source>; to the doctor at once</source>
        <translation>；立即送医生处</translation>
    </message>
    <message>
        <source>; {level}</source>
        <translation>；{level}</translation>
    </message>
    <message>
        <source>; NEWS2 {total}</source>
        <translation>；NEWS2 {total}</translation>
    </message>
    <message>
        <source>; NEWS2 ≥ {total} (partial)</source>
        <translation>；NEWS2 ≥ {total}（不完整）</translation>
    </message>
    <message>
        <source>Vital signs taken</source>
        <translation>记录生命体征</translation>
    </message>
    <message>
        <source>; SpO₂ scale 2</source>
        <translation>；SpO₂ 量表 2</translation>
    </message>
    <message>
        <source>; next: continuous monitoring</source>
        <translation>；下一轮：持续监测</translation>
    </message>
    <message>
        <source>; next round within {minutes} min</source>
        <translation>；下一轮复测 {minutes} 分钟内</translation>
    </message>
    <message>
        <source>; responsible doctor alerted: {alerts}</source>
        <translation>；已提醒责任医生：{alerts}</translation>
    </message>
    <message>
        <source>Buyer called back (call {call}): {outcome}</source>
        <translation>回访购药者（第 {call} 次）：{outcome}</translation>
    </message>
    <message>
        <source>; off the follow-up list</source>
        <translation>；移出追踪名单</translation>
    </message>
    <message>
        <source>; stays on the follow-up list</source>
        <translation>；仍在追踪名单</translation>
    </message>
    <message>
        <source>; note: {note}</source>
        <translation>；备注：{note}</translation>
    </message>
    <message>
        <source>Changed: {fields}</source>
        <translation>修改了：{fields}</translation>
    </message>
    <message>
        <source>{before} → {after}</source>
        <translation>{before} → {after}</translation>
    </message>
    <message>
        <source>; other pathogen: {pathogen}</source>
        <translation>；其他病原体：{pathogen}</translation>
    </message>
    <message>
        <source>; with exception #{id} approved by {approver}</source>
        <translation>；凭 {approver} 批准的特例 #{id}</translation>
    </message>
    <message>
        <source>Exception #{id} approved ({kind}): {before} → {after}; reason: {reason}</source>
        <translation>批准特例 #{id}（{kind}）：{before} → {after}；理由：{reason}</translation>
    </message>
    <message>
        <source>Incident reported to {to} at {time}</source>
        <translation>已于 {time} 报告至 {to}</translation>
    </message>
    <message>
        <source>Reassigned from {frm} to {to}: {reason}</source>
        <translation>由 {frm} 改派给 {to}：{reason}</translation>
    </message>
    <message>
        <source>; the hand-over to {to} was cancelled</source>
        <translation>；给 {to} 的交接申请已取消</translation>
    </message>
    <message>
        <source>{disposition} ({detail})</source>
        <translation>{disposition}（{detail}）</translation>
    </message>
    <message>
        <source>; an incident, early-warning alert raised</source>
        <translation>；属于事件，已发出预警</translation>
    </message>
    <message>
        <source>; an incident</source>
        <translation>；属于事件</translation>
    </message>
    <message>
        <source>Transfer #{id} to {hospital}, condition {condition}</source>
        <translation>转运 #{id} 至{hospital}，病情{condition}</translation>
    </message>
    <message>
        <source>, needs oxygen</source>
        <translation>，途中需吸氧</translation>
    </message>
    <message>
        <source>; from the ward: {ward}</source>
        <translation>；自病区转出：{ward}</translation>
    </message>
    <message>
        <source>; referral (sentinel room)</source>
        <translation>；转运（发热哨点诊室）</translation>
    </message>
    <message>
        <source>; the transfer request time limit met</source>
        <translation>；转运申请时限已完成</translation>
    </message>
    <message>
        <source>120 called at {time}, dispatch no. {ref}, vehicle {vehicle}, crew {crew}</source>
        <translation>{time} 呼叫 120，派车单号 {ref}，车牌 {vehicle}，随车人员 {crew}</translation>
    </message>
    <message>
        <source>, negative-pressure ambulance</source>
        <translation>，负压救护车</translation>
    </message>
    <message>
        <source>Departed at {time}, {minutes} min after the request</source>
        <translation>{time} 出发，距申请 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Handed over at {time} to {staff} ({department}), condition {condition}</source>
        <translation>{time} 交接给 {staff}（{department}），病情{condition}</translation>
    </message>
    <message>
        <source>Vehicle disinfected at {time} ({method}) by {by}</source>
        <translation>{time} 完成车辆终末消毒（{method}），消毒人 {by}</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>已取消：{reason}</translation>
    </message>
    <message>
        <source>; the patient stays in the ward</source>
        <translation>；患者留在原病区</translation>
    </message>
    <message>
        <source>; the case is open again</source>
        <translation>；病例重新开放</translation>
    </message>
    <message>
        <source>; a transfer is still owed: request it again</source>
        <translation>；仍须转运：请重新申请</translation>
    </message>
    <message>
        <source>; {count} time limit(s) running again</source>
        <translation>；{count} 项时限重新计时</translation>
    </message>
    <message>
        <source>{before} → {after}; reason: {reason}</source>
        <translation>{before} → {after}；理由：{reason}</translation>
    </message>
    <message>
        <source>Report card {card}, reported at {time}</source>
        <translation>报告卡 {card}，报告时间 {time}</translation>
    </message>
    <message>
        <source>Investigation done at {time}</source>
        <translation>流调完成于 {time}</translation>
    </message>
    <message>
        <source>Observation room {room}, bed {bed}</source>
        <translation>留观室 {room}，床位 {bed}</translation>
    </message>
    <message>
        <source>{test} #{id} ({population}), sampled at {time}</source>
        <translation>{test} #{id}（{population}），采样于 {time}</translation>
    </message>
    <message>
        <source>{test} #{id}: {result}, {lab}, at {time}</source>
        <translation>{test} #{id}：{result}，{lab}，{time}</translation>
    </message>
    <message>
        <source>; positive, early-warning alert raised</source>
        <translation>；阳性，已发出预警</translation>
    </message>
    <message>
        <source>; positive</source>
        <translation>；阳性</translation>
    </message>
    <message>
        <source>; reason: {reason}</source>
        <translation>；原因：{reason}</translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <source>Timeline — {visit_no}</source>
        <translation>时间线 — {visit_no}</translation>
    </message>
    <message>
        <source>Case timeline: {visit_no} — {name}</source>
        <translation>病例全程时间线：{visit_no} — {name}</translation>
    </message>
    <message>
        <source>{events} events, {bad} refused or failed; {clocks} time limits, {missed} missed</source>
        <translation>共 {events} 条记录，其中 {bad} 条被拒绝或失败；{clocks} 项时限，{missed} 项超时</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>时限记录</translation>
    </message>
    <message>
        <source>Vital signs and NEWS2 (pre-triage first)</source>
        <translation>生命体征及 NEWS2（预检分诊在先）</translation>
    </message>
    <message>
        <source>&amp;Print / Save PDF…</source>
        <translation>打印 / 保存 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Seq.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>TransferAdminPage</name>
    <message>
        <source>Transfer settings</source>
        <translation>转运设置</translation>
    </message>
    <message>
        <source>Transfer settings: hospitals, time targets, trusted clinics</source>
        <translation>转运设置：医院、时限目标、信任机构</translation>
    </message>
    <message>
        <source>Hospitals patients are transferred to</source>
        <translation>转运目的医院</translation>
    </message>
    <message>
        <source>New hospital</source>
        <translation>新增医院</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>新增(&amp;W)</translation>
    </message>
    <message>
        <source>Transfer time targets (minutes)</source>
        <translation>转运时限目标（分钟）</translation>
    </message>
    <message>
        <source>Classification → &amp;request:</source>
        <translation>分类 → 申请(&amp;R)：</translation>
    </message>
    <message>
        <source>Request → &amp;departure:</source>
        <translation>申请 → 出发(&amp;D)：</translation>
    </message>
    <message>
        <source>Departure → hand&amp;over:</source>
        <translation>出发 → 交接(&amp;O)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Phon&amp;e:</source>
        <translation>电话(&amp;E)：</translation>
    </message>
    <message>
        <source>Acceptin&amp;g patients</source>
        <translation>接收患者(&amp;G)</translation>
    </message>
    <message>
        <source>Save hosp&amp;ital</source>
        <translation>保存医院(&amp;I)</translation>
    </message>
    <message>
        <source>Sa&amp;ve targets</source>
        <translation>保存时限(&amp;V)</translation>
    </message>
    <message>
        <source>This clinic on paper (handover form, daily report)</source>
        <translation>本机构联系信息（打印在转运交接单、日报上）</translation>
    </message>
    <message>
        <source>Report veri&amp;fied by:</source>
        <translation>审核人(&amp;J)：</translation>
    </message>
    <message>
        <source>Head of the clinic:</source>
        <translation>负责人(&amp;F)：</translation>
    </message>
    <message>
        <source>where the receiving hospital calls back</source>
        <translation>接收医院回电联系的号码</translation>
    </message>
    <message>
        <source>full name; empty: a blank line to sign</source>
        <translation>填写姓名；不填则打印空白签名栏</translation>
    </message>
    <message>
        <source>Trusted clinics (their QR codes are accepted here)</source>
        <translation>信任机构（本机构可核验其二维码）</translation>
    </message>
    <message>
        <source>Clinic &amp;code:</source>
        <translation>机构代码(&amp;C)：</translation>
    </message>
    <message>
        <source>Clinic na&amp;me:</source>
        <translation>机构名称(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Public key:</source>
        <translation>公钥(&amp;P)：</translation>
    </message>
    <message>
        <source>paste the key the other clinic gives you</source>
        <translation>粘贴对方机构提供的公钥</translation>
    </message>
    <message>
        <source>Pick a clinic to correct its name or key below.</source>
        <translation>选中一家机构，可在下方修改其名称或公钥。</translation>
    </message>
    <message>
        <source>Stop tr&amp;usting…</source>
        <translation>停止信任(&amp;U)…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>复制(&amp;Y)</translation>
    </message>
    <message>
        <source>✓ {name} saved.</source>
        <translation>✓ 已保存{name}。</translation>
    </message>
    <message>
        <source>✓ Time targets saved. They apply to clocks started from now on.</source>
        <translation>✓ 时限目标已保存，适用于此后开始计时的时钟。</translation>
    </message>
    <message>
        <source>✓ Saved. The next handover form and daily report print them.</source>
        <translation>✓ 已保存。此后打印的转运交接单和日报将使用这些信息。</translation>
    </message>
    <message>
        <source>&amp;Trust this clinic</source>
        <translation>信任该机构(&amp;T)</translation>
    </message>
    <message>
        <source>✓ {code} is trusted: its handover forms and receipts are accepted here.</source>
        <translation>✓ 已信任 {code}：本机构可核验其交接单和回执。</translation>
    </message>
    <message>
        <source>✓ {code} is no longer trusted: its handover forms and receipts are refused here from now on.</source>
        <translation>✓ 已停止信任 {code}：此后其交接单和回执在本机构将无法核验。</translation>
    </message>
    <message>
        <source>✓ Public key copied.</source>
        <translation>✓ 公钥已复制。</translation>
    </message>
    <message>
        <source>This clinic&apos;s public key ({code}): give it to the hospitals that receive your transfers.</source>
        <translation>本机构公钥（{code}）：请提供给接收本机构转运患者的医院。</translation>
    </message>
    <message>
        <source>Phone (for call-&amp;backs):</source>
        <translation>本机构电话(&amp;B)：</translation>
    </message>
    <message>
        <source>Save contacts</source>
        <translation>保存联系信息</translation>
    </message>
    <message>
        <source>Sa&amp;ve changes</source>
        <translation>保存修改(&amp;V)</translation>
    </message>
</context>
<context>
    <name>TransferBoardModel</name>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的医院</translation>
    </message>
    <message>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <source>→ Request</source>
        <translation>分类 → 申请</translation>
    </message>
    <message>
        <source>→ Departure</source>
        <translation>申请 → 出发</translation>
    </message>
    <message>
        <source>→ Handover</source>
        <translation>出发 → 交接</translation>
    </message>
</context>
<context>
    <name>TransferBoardPage</name>
    <message>
        <source>Transfer board</source>
        <translation>转运看板</translation>
    </message>
    <message>
        <source>Open transfers to the designated hospital</source>
        <translation>进行中的定点医院转运</translation>
    </message>
    <message>
        <source>Clocks, in minutes taken / target: classification → request, request → departure, departure → handover. Amber: due soon. Red: past the target.</source>
        <translation>时钟（已用分钟 / 目标分钟）：分类 → 申请，申请 → 出发，出发 → 交接。琥珀色：即将到时；红色：已超时。</translation>
    </message>
    <message>
        <source>Re&amp;fresh (F5)</source>
        <translation>刷新(&amp;F)（F5）</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Dispatch &amp;reference:</source>
        <translation>派车单号(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Vehicle plate:</source>
        <translation>车牌号(&amp;V)：</translation>
    </message>
    <message>
        <source>Vehicle:</source>
        <translation>车辆：</translation>
    </message>
    <message>
        <source>&amp;Negative-pressure ambulance</source>
        <translation>负压救护车(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Crew:</source>
        <translation>随车人员(&amp;C)：</translation>
    </message>
    <message>
        <source>driver, doctor, nurse</source>
        <translation>司机、医生、护士</translation>
    </message>
    <message>
        <source>Record &amp;dispatch</source>
        <translation>登记派车(&amp;D)</translation>
    </message>
    <message>
        <source>Departed &amp;at:</source>
        <translation>出发时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Record de&amp;parture</source>
        <translation>登记出发(&amp;P)</translation>
    </message>
    <message>
        <source>120 ca&amp;lled at:</source>
        <translation>呼叫 120 时间(&amp;L)：</translation>
    </message>
    <message>
        <source>Receiving s&amp;taff:</source>
        <translation>接收人员(&amp;T)：</translation>
    </message>
    <message>
        <source>Receiving depart&amp;ment:</source>
        <translation>接收科室(&amp;M)：</translation>
    </message>
    <message>
        <source>Handed over &amp;at:</source>
        <translation>交接时间(&amp;A)：</translation>
    </message>
    <message>
        <source>Condition on a&amp;rrival:</source>
        <translation>到达时病情(&amp;R)：</translation>
    </message>
    <message>
        <source>Record &amp;handover</source>
        <translation>登记交接(&amp;H)</translation>
    </message>
    <message>
        <source>Or scan the receiving hospital&apos;s receipt QR here (it fills in the handover):</source>
        <translation>或在此扫描接收医院回执上的二维码（自动登记交接）：</translation>
    </message>
    <message>
        <source>scan the receipt QR code</source>
        <translation>扫描回执二维码</translation>
    </message>
    <message>
        <source>Disinfected &amp;at:</source>
        <translation>消毒时间(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>消毒方法(&amp;M)：</translation>
    </message>
    <message>
        <source>e.g. hydrogen peroxide spray, chlorine wipe</source>
        <translation>如：过氧化氢喷雾、含氯消毒剂擦拭</translation>
    </message>
    <message>
        <source>Disinfected &amp;by:</source>
        <translation>消毒人员(&amp;B)：</translation>
    </message>
    <message>
        <source>Record disinfection and &amp;close</source>
        <translation>登记消毒并结束(&amp;C)</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>why the transfer is cancelled</source>
        <translation>取消转运的原因</translation>
    </message>
    <message>
        <source>Cancel the transfer</source>
        <translation>取消转运</translation>
    </message>
    <message>
        <source>&amp;Print handover form (3 parts)…</source>
        <translation>打印转运交接单（三联）(&amp;P)…</translation>
    </message>
    <message>
        <source>Read at {time}</source>
        <translation>读取于 {time}</translation>
    </message>
    <message>
        <source>Open: {count}</source>
        <translation>进行中：{count}</translation>
    </message>
    <message>
        <source>Past target: {count}</source>
        <translation>超时：{count}</translation>
    </message>
    <message>
        <source>No transfer chosen</source>
        <translation>未选择转运</translation>
    </message>
    <message>
        <source>Pick a transfer in the list.</source>
        <translation>请在列表中选择一条转运。</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的医院</translation>
    </message>
    <message>
        <source>Collect from</source>
        <translation>接患者地点</translation>
    </message>
    <message>
        <source>Ward: {ward} (discharged when the ambulance departs)</source>
        <translation>病区：{ward}（救护车出发时办理出院）</translation>
    </message>
    <message>
        <source>Fever clinic</source>
        <translation>发热门诊</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>{time} by {user}</source>
        <translation>{time}，{user}</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>病情</translation>
    </message>
    <message>
        <source>oxygen</source>
        <translation>吸氧</translation>
    </message>
    <message>
        <source>Vital signs</source>
        <translation>生命体征</translation>
    </message>
    <message>
        <source>{time}: {news2}, {level}; {readings}</source>
        <translation>{time}：{news2}，{level}；{readings}</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Precautions</source>
        <translation>防护措施</translation>
    </message>
    <message>
        <source>Accompanying staff</source>
        <translation>陪同人员</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>120 dispatch</source>
        <translation>120 派车</translation>
    </message>
    <message>
        <source>{time}, ref. {ref}, {plate}, negative pressure: {np}</source>
        <translation>{time}，单号 {ref}，{plate}，负压：{np}</translation>
    </message>
    <message>
        <source>Crew</source>
        <translation>随车人员</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>出发</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>{time} to {staff} ({department}), on arrival: {condition}</source>
        <translation>{time} 交给{staff}（{department}），到达时病情：{condition}</translation>
    </message>
    <message>
        <source>Next step: {step}</source>
        <translation>下一步：{step}</translation>
    </message>
    <message>
        <source>Nothing more to record.</source>
        <translation>无需再登记。</translation>
    </message>
    <message>
        <source>✓ 120 dispatch recorded.</source>
        <translation>✓ 已登记 120 派车。</translation>
    </message>
    <message>
        <source>✓ Departure recorded: the handover clock is running.</source>
        <translation>✓ 已登记出发：交接时钟开始计时。</translation>
    </message>
    <message>
        <source>✓ Handover recorded. Disinfect the vehicle, then record it.</source>
        <translation>✓ 已登记交接。请对车辆终末消毒后再登记。</translation>
    </message>
    <message>
        <source>✓ Receipt of {visit_no} scanned: handover recorded ({staff}, {department}).</source>
        <translation>✓ 已扫描 {visit_no} 的回执：交接已登记（{staff}，{department}）。</translation>
    </message>
    <message>
        <source>✓ Terminal disinfection recorded: the transfer is closed.</source>
        <translation>✓ 已登记终末消毒：转运结束。</translation>
    </message>
    <message>
        <source>✓ Transfer cancelled. The patient still has to be transferred: the doctor asks for the transfer again (its time limit runs again).</source>
        <translation>✓ 转运已取消。患者仍须转运：请医生重新申请转运（申请转运时限重新计时）。</translation>
    </message>
    <message>
        <source>✓ Transfer cancelled: the case is open again for another disposition.</source>
        <translation>✓ 转运已取消：病例重新开放，可另行处置。</translation>
    </message>
</context>
<context>
    <name>TransferHistoryModel</name>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的医院</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>病情</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Departed at</source>
        <translation>出发时间</translation>
    </message>
    <message>
        <source>Handed over at</source>
        <translation>交接时间</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>结束时间</translation>
    </message>
</context>
<context>
    <name>TransferHistoryPage</name>
    <message>
        <source>Transfer records</source>
        <translation>转运记录</translation>
    </message>
    <message>
        <source>Transfers to the designated hospital, newest first</source>
        <translation>定点医院转运记录（最新在前）</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Si&amp;nce:</source>
        <translation>起始日期(&amp;N)：</translation>
    </message>
    <message>
        <source>YYYY-MM-DD or days ago</source>
        <translation>YYYY-MM-DD 或几天前</translation>
    </message>
    <message>
        <source>Se&amp;arch:</source>
        <translation>查找(&amp;A)：</translation>
    </message>
    <message>
        <source>Sea&amp;rch</source>
        <translation>查找(&amp;R)</translation>
    </message>
    <message>
        <source>visit number or hospital</source>
        <translation>就诊号或医院</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>{count} transfers</source>
        <translation>{count} 条转运</translation>
    </message>
</context>
<context>
    <name>TransferRequestDialog</name>
    <message>
        <source>Address: {address}</source>
        <translation>地址：{address}</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>电话：{phone}</translation>
    </message>
    <message>
        <source>Request transfer to designated hospital — {visit_no}</source>
        <translation>申请转运定点医院 — {visit_no}</translation>
    </message>
    <message>
        <source>{name}, classified as {classification}. The request books the transfer and closes the case as &quot;transferred&quot;; the nurse then records the 120 dispatch on the transfer board. Cancelling before departure reopens the case.</source>
        <translation>{name}，分类为{classification}。提交申请即登记转运，并将病例按“转运”结案；随后由护士在转运看板登记 120 派车。出发前取消转运会重新开放病例。</translation>
    </message>
    <message>
        <source>The patient is in a ward: any doctor may ask for the transfer.</source>
        <translation>患者在病区：任何医生均可申请转运。</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>目的医院(&amp;D)：</translation>
    </message>
    <message>
        <source>Co&amp;ndition:</source>
        <translation>病情(&amp;N)：</translation>
    </message>
    <message>
        <source>Oxygen:</source>
        <translation>吸氧：</translation>
    </message>
    <message>
        <source>Needs &amp;oxygen on the way</source>
        <translation>途中需要吸氧(&amp;O)</translation>
    </message>
    <message>
        <source>Isolation &amp;precautions:</source>
        <translation>隔离防护措施(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. N95, protective gown, face shield, gloves</source>
        <translation>如：N95 口罩、防护服、面屏、手套</translation>
    </message>
    <message>
        <source>Accompanying &amp;staff:</source>
        <translation>陪同人员(&amp;S)：</translation>
    </message>
    <message>
        <source>e.g. nurse Li Na</source>
        <translation>如：护士 李娜</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>required: why this patient is transferred</source>
        <translation>必填：说明转运原因</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>&amp;Underlying diseases / allergies:</source>
        <translation>基础疾病/过敏史(&amp;U)：</translation>
    </message>
    <message>
        <source>e.g. hypertension; penicillin allergy (optional)</source>
        <translation>如：高血压；青霉素过敏（选填）</translation>
    </message>
    <message>
        <source>&amp;Lines and medication:</source>
        <translation>途中管路及用药(&amp;L)：</translation>
    </message>
    <message>
        <source>e.g. oxygen 3 L/min, IV line, drugs given (optional)</source>
        <translation>如：鼻导管吸氧 3L/min、静脉通路、已用药物（选填）</translation>
    </message>
    <message>
        <source>Documents sent &amp;along:</source>
        <translation>随行资料(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. case summary, lab reports, imaging (optional)</source>
        <translation>如：病历摘要、检验报告、影像资料（选填）</translation>
    </message>
    <message>
        <source>This case is not suspected, confirmed, asymptomatic or positive: write why it is transferred.</source>
        <translation>本病例不是疑似病例、确诊病例、无症状感染者，也无阳性结果：请填写转运原因。</translation>
    </message>
    <message>
        <source>No hospital is accepting patients. An administrator sets the hospitals under Transfer settings.</source>
        <translation>目前没有接收患者的医院。管理员可在“转运设置”中设置医院。</translation>
    </message>
    <message>
        <source>Request &amp;transfer</source>
        <translation>申请转运(&amp;T)</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Transfer handover form {visit_no}</source>
        <translation>转运交接单 {visit_no}</translation>
    </message>
</context>
<context>
    <name>TriageDeskPage</name>
    <message>
        <source>Pre-triage</source>
        <translation>预检分诊</translation>
    </message>
    <message>
        <source>Pre-triage screening</source>
        <translation>预检分诊</translation>
    </message>
    <message>
        <source>Step 1 of 3: screening</source>
        <translation>第 1 步（共 3 步）：筛查</translation>
    </message>
    <message>
        <source>Step 2 of 3: registration</source>
        <translation>第 2 步（共 3 步）：登记</translation>
    </message>
    <message>
        <source>Step 3 of 3: escort to the fever clinic</source>
        <translation>第 3 步（共 3 步）：引导至发热门诊</translation>
    </message>
</context>
<context>
    <name>TriageRulesPage</name>
    <message>
        <source>Screening rules</source>
        <translation>分诊规则</translation>
    </message>
    <message>
        <source>Screening rules and risk areas</source>
        <translation>分诊规则与风险地区</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>&amp;Fever from:</source>
        <translation>发热标准(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Travel history window (days):</source>
        <translation>旅居史时间范围（天）(&amp;T)：</translation>
    </message>
    <message>
        <source>Hand-off &amp;overdue after (minutes):</source>
        <translation>引导超时时限（分钟）(&amp;O)：</translation>
    </message>
    <message>
        <source>Sa&amp;ve rules</source>
        <translation>保存规则(&amp;V)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新载入(&amp;L)</translation>
    </message>
    <message>
        <source>Medium- and high-risk areas</source>
        <translation>中、高风险地区</translation>
    </message>
    <message>
        <source>Import the county&apos;s current list: CSV with name,level[,since] (level medium/high or 中风险/高风险) or a JSON list. The import replaces the whole list.</source>
        <translation>导入县里最新的名单：CSV 格式为 名称,等级[,起始日期]（等级为 medium/high 或 中风险/高风险），或 JSON 列表。导入会替换整个名单。</translation>
    </message>
    <message>
        <source>&amp;Import from file…</source>
        <translation>从文件导入(&amp;I)…</translation>
    </message>
    <message>
        <source>{count} areas ({high} high risk)</source>
        <translation>共 {count} 个地区（高风险 {high} 个）</translation>
    </message>
    <message>
        <source>Saved. New screenings use these rules at once.</source>
        <translation>已保存。新的筛查立即使用这些规则。</translation>
    </message>
    <message>
        <source>Another desk changed the rules meanwhile (now: fever from {threshold} °C, {days} days, {minutes} minutes). Your values are kept: check them and save again.</source>
        <translation>其他工作站刚刚修改了规则（现为：发热标准 {threshold} °C，{days} 天，{minutes} 分钟）。您填写的数值已保留：请核对后再次保存。</translation>
    </message>
    <message>
        <source>Import risk areas</source>
        <translation>导入风险地区</translation>
    </message>
    <message>
        <source>Risk-area lists (*.csv *.json);;All files (*)</source>
        <translation>风险地区名单 (*.csv *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the risk-area list?</source>
        <translation>替换中高风险地区清单？</translation>
    </message>
    <message>
        <source>The file holds {new} areas; the current list has {old}. An empty or truncated file would stop high-risk travel from sending patients to the fever clinic. Replace the list anyway?</source>
        <translation>文件中有 {new} 个地区，当前清单有 {old} 个。空白或不完整的文件会使有高风险地区旅居史的患者不再被引导至发热门诊。仍然替换清单吗？</translation>
    </message>
    <message>
        <source>Imported {count} areas; the list was replaced.</source>
        <translation>已导入 {count} 个地区，名单已替换。</translation>
    </message>
</context>
<context>
    <name>TrustedClinicModel</name>
    <message>
        <source>Code</source>
        <translation>机构代码</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>机构名称</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
</context>
<context>
    <name>UntakenBanner</name>
    <message>
        <source>⚠ First-diagnosis responsibility: {count} patient(s) waiting more than {limit} min with no doctor</source>
        <translation>⚠ 首诊负责制：{count} 名患者到达发热门诊超过 {limit} 分钟仍无医生接诊</translation>
    </message>
    <message>
        <source>Patient {name} ({visit_no}) has been at the fever clinic for {minutes} min and no doctor has taken the case</source>
        <translation>患者 {name}（{visit_no}）已到达发热门诊 {minutes} 分钟仍无医生接诊</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 名患者</translation>
    </message>
    <message>
        <source>Take the patient now: select them below and press Enter.</source>
        <translation>请立即接诊：在下方候诊列表中选中患者后按回车键。</translation>
    </message>
    <message>
        <source>Call the fever clinic&apos;s doctor on duty; tell the head nurse if nobody answers.</source>
        <translation>请立即联系发热门诊值班医生；无人应答时报告护士长。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>编辑账户</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Confir&amp;m password:</source>
        <translation>确认密码(&amp;M)：</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saved now: {name}; roles: {roles}. Check your changes and save again.</source>
        <translation>当前已保存的是：{name}；角色：{roles}。请核对您的修改后再次保存。</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Users and roles</source>
        <translation>用户与角色</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Orphaned cases…</source>
        <translation>无人负责的病例(&amp;O)…</translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation>启用(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>The new password for {username} is set. Tell the user in person.</source>
        <translation>{username} 的新密码已设置，请当面告知本人。</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>Disable the account {username} ({name})? The user can no longer log in.</source>
        <translation>停用账户 {username}（{name}）吗？停用后该用户将无法登录。</translation>
    </message>
</context>
<context>
    <name>VisitDetailDialog</name>
    <message>
        <source>Visit {visit_no}</source>
        <translation>就诊 {visit_no}</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Sex / birth date:</source>
        <translation>性别/出生日期：</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>证件：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>现住址：</translation>
    </message>
    <message>
        <source>Registered:</source>
        <translation>登记：</translation>
    </message>
    <message>
        <source>{time} by {nurse}</source>
        <translation>{time}，{nurse}</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>体温：</translation>
    </message>
    <message>
        <source>Symptoms:</source>
        <translation>症状：</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>分诊结果：</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>分诊依据：</translation>
    </message>
    <message>
        <source>Hand-off:</source>
        <translation>引导交接：</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未引导</translation>
    </message>
    <message>
        <source>Reprint registration &amp;form…</source>
        <translation>补打登记表(&amp;F)…</translation>
    </message>
    <message>
        <source>Reprint guide &amp;slip…</source>
        <translation>补打引导单(&amp;S)…</translation>
    </message>
    <message>
        <source>Case &amp;timeline…</source>
        <translation>病例时间线(&amp;T)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>VisitListModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>分诊结果</translation>
    </message>
    <message>
        <source>Hand-off</source>
        <translation>引导交接</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>{level} · at once</source>
        <translation>{level} · 立即</translation>
    </message>
</context>
<context>
    <name>VisitListPage</name>
    <message>
        <source>Screening list</source>
        <translation>筛查列表</translation>
    </message>
    <message>
        <source>Screenings and registrations</source>
        <translation>筛查与登记</translation>
    </message>
    <message>
        <source>Se&amp;arch:</source>
        <translation>查找(&amp;A)：</translation>
    </message>
    <message>
        <source>visit no., name, pinyin initials, phone or ID</source>
        <translation>就诊号、姓名、拼音首字母、电话或证件号</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>All days</source>
        <translation>所有日期</translation>
    </message>
    <message>
        <source>D&amp;ecision:</source>
        <translation>分诊结果(&amp;E)：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Registered only</source>
        <translation>只看已登记(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>{shown} of {total} loaded</source>
        <translation>已载入 {shown} / {total} 条</translation>
    </message>
</context>
<context>
    <name>VitalSignsModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>测量人</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>场合</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <source>Triage level</source>
        <translation>分级</translation>
    </message>
</context>
<context>
    <name>Vitals</name>
    <message>
        <source>NEWS2 {total} ({risk})</source>
        <translation>NEWS2 {total} 分（{risk}）</translation>
    </message>
    <message>
        <source>NEWS2 at least {total} ({risk}; readings missing)</source>
        <translation>NEWS2 至少 {total} 分（{risk}；有未测项）</translation>
    </message>
    <message>
        <source>SpO₂ scale 2</source>
        <translation>SpO₂ 量表2</translation>
    </message>
    <message>
        <source>Scale 2 is only for hypercapnic respiratory failure, decided by a doctor. Score this patient&apos;s SpO₂ on scale 2?</source>
        <translation>量表2仅用于高碳酸血症型呼吸衰竭，由医生决定。确定按量表2评估该患者的血氧饱和度吗？</translation>
    </message>
    <message>
        <source>Temperature °C:</source>
        <translation>体温 °C：</translation>
    </message>
    <message>
        <source>Respiration /min:</source>
        <translation>呼吸 次/分：</translation>
    </message>
    <message>
        <source>SpO₂ %:</source>
        <translation>血氧饱和度 %：</translation>
    </message>
    <message>
        <source>Air or oxygen:</source>
        <translation>吸氧：</translation>
    </message>
    <message>
        <source>Systolic mmHg:</source>
        <translation>收缩压 mmHg：</translation>
    </message>
    <message>
        <source>Heart rate /min:</source>
        <translation>心率 次/分：</translation>
    </message>
    <message>
        <source>Consciousness:</source>
        <translation>意识：</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>not taken</source>
        <translation>未测</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>air</source>
        <translation>未吸氧</translation>
    </message>
    <message>
        <source>oxygen</source>
        <translation>吸氧</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Pre-triage decision</source>
        <translation>预检分诊结论</translation>
    </message>
    <message>
        <source>Waited / target</source>
        <translation>已候 / 时限</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>No level</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>立即</translation>
    </message>
    <message>
        <source>Called {time}</source>
        <translation>已叫 {time}</translation>
    </message>
    <message>
        <source>Waited longer than this level&apos;s target: see the patient now.</source>
        <translation>候诊已超过该分级的时限：请立即诊治。</translation>
    </message>
    <message>
        <source>Waiting longer than {limit} min: take the patient now (first-diagnosis responsibility).</source>
        <translation>候诊已超过 {limit} 分钟：请立即接诊（首诊负责制）。</translation>
    </message>
</context>
<context>
    <name>WaitingRoomWindow</name>
    <message>
        <source>Waiting-room display</source>
        <translation>候诊叫号大屏</translation>
    </message>
    <message>
        <source>{clinic} · Fever clinic</source>
        <translation>{clinic} · 发热门诊</translation>
    </message>
    <message>
        <source>Now calling</source>
        <translation>正在叫号</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候诊</translation>
    </message>
    <message>
        <source>Patients are seen by how ill they are, then by waiting time. Please wait for your number, keep your mask on, and tell the nurse if you feel worse.</source>
        <translation>按病情轻重、再按候诊先后顺序就诊。请留意叫号，全程佩戴口罩；如感觉不适加重，请立即告诉护士。</translation>
    </message>
    <message>
        <source>Updates paused</source>
        <translation>暂停更新</translation>
    </message>
    <message>
        <source>Called before: {numbers}</source>
        <translation>已叫：{numbers}</translation>
    </message>
    <message>
        <source>{count} more waiting</source>
        <translation>另有 {count} 位候诊</translation>
    </message>
    <message>
        <source>Nobody waiting</source>
        <translation>暂无候诊</translation>
    </message>
</context>
<context>
    <name>WardDialog</name>
    <message>
        <source>Edit ward</source>
        <translation>编辑病区</translation>
    </message>
    <message>
        <source>Add a ward</source>
        <translation>添加病区</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Gates:</source>
        <translation>门岗(&amp;G)：</translation>
    </message>
    <message>
        <source>Gate names, separated by commas, e.g. 缓冲门岗</source>
        <translation>门岗名称，多个用逗号分隔，例如：缓冲门岗</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WardTables</name>
    <message>
        <source>Ward</source>
        <translation>病区</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>床位</translation>
    </message>
    <message>
        <source>Nursing level</source>
        <translation>护理级别</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>入院时间</translation>
    </message>
    <message>
        <source>Visit no.</source>
        <translation>就诊号</translation>
    </message>
    <message>
        <source>Nucleic acid test</source>
        <translation>核酸检测</translation>
    </message>
    <message>
        <source>Permit no.</source>
        <translation>证号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持证人</translation>
    </message>
    <message>
        <source>Ward / bed</source>
        <translation>病区/床位</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>NAT / reason</source>
        <translation>核酸/事由</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Inside for</source>
        <translation>在内时长</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>进入时间</translation>
    </message>
    <message>
        <source>Replaced by a new card: {reason}</source>
        <translation>已补发新证：{reason}</translation>
    </message>
</context>
<context>
    <name>WardsPage</name>
    <message>
        <source>Wards and inpatients</source>
        <translation>病区与住院</translation>
    </message>
    <message>
        <source>{name} ({ward} {bed}), {minutes} min over</source>
        <translation>{name}（{ward} {bed}），超时{minutes}分钟</translation>
    </message>
    <message>
        <source>⚠ Visitor overstay — still inside after the visit&apos;s end: {who}</source>
        <translation>⚠ 探视超时——探视时间已到仍在病区内：{who}</translation>
    </message>
    <message>
        <source>Inpatients</source>
        <translation>住院患者</translation>
    </message>
    <message>
        <source>&amp;Admit…</source>
        <translation>收住入院(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Discharge…</source>
        <translation>出院(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Wards (administrator)</source>
        <translation>病区（管理员）</translation>
    </message>
    <message>
        <source>Add &amp;ward…</source>
        <translation>添加病区(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Edit ward…</source>
        <translation>编辑病区(&amp;E)…</translation>
    </message>
    <message>
        <source>{name} admitted to {ward}, bed {bed}.</source>
        <translation>{name} 已收住 {ward}，{bed}。</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>出院</translation>
    </message>
    <message>
        <source>Discharge {name} ({ward}, bed {bed})?

All of this patient&apos;s escort and visitor permits are revoked at the same time: the gates will refuse them.</source>
        <translation>为 {name}（{ward}，{bed}）办理出院？

该患者的所有陪护证和探视证将同时作废，各门岗将拒绝这些证件。</translation>
    </message>
    <message>
        <source>{name} discharged; the patient&apos;s permits were revoked.</source>
        <translation>{name} 已出院；其证件已全部作废。</translation>
    </message>
</context>
<context>
    <name>WorkBadges</name>
    <message>
        <source>{count} patient(s) on the way to the fever clinic, {late} of them overdue</source>
        <translation>{count} 名患者正在引导至发热门诊途中，其中 {late} 名已超时</translation>
    </message>
    <message>
        <source>{waiting} patient(s) waiting for a doctor ({late} longer than {limit} min); {handovers} hand-over(s) waiting for your answer</source>
        <translation>{waiting} 名患者待接诊（其中 {late} 名超过 {limit} 分钟）；{handovers} 项交接待您答复</translation>
    </message>
    <message>
        <source>{count} patient(s) at the fever clinic longer than {limit} min with no doctor: call the doctor on duty</source>
        <translation>{count} 名患者到达发热门诊超过 {limit} 分钟仍无医生接诊：请联系值班医生</translation>
    </message>
    <message>
        <source>{count} time limit(s) overdue</source>
        <translation>{count} 项时限已超时</translation>
    </message>
    <message>
        <source>{count} early-warning alert(s) not acknowledged</source>
        <translation>{count} 条预警未处理</translation>
    </message>
    <message>
        <source>{count} visitor(s) still inside after the visit&apos;s end</source>
        <translation>{count} 名探视人员探视时间已到仍未离开</translation>
    </message>
</context>
</TS>
