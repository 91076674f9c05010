<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <translation>记录链在第 {seq} 号处断裂：有记录在本程序之外被篡改或删除。请立即告知本院管理员。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
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
    <name>Errors</name>
    <message>
        <source>User names are 2–32 characters: lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>用户名为 2–32 个字符：小写字母、数字、“.”、“_”或“-”，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>Enter a name of 1 to 64 characters.</source>
        <translation>请输入 1 到 64 个字符的姓名。</translation>
    </message>
    <message>
        <source>The clinic code is 2–20 capital letters or digits, e.g. the institution code.</source>
        <translation>机构代码为 2–20 位大写字母或数字，例如医疗机构登记代码。</translation>
    </message>
    <message>
        <source>Enter the clinic&apos;s name (2 to 100 characters).</source>
        <translation>请输入机构名称（2 到 100 个字符）。</translation>
    </message>
    <message>
        <source>Choose the clinic level.</source>
        <translation>请选择机构级别。</translation>
    </message>
    <message>
        <source>The time zone is not known on this computer.</source>
        <translation>本机无法识别该时区。</translation>
    </message>
    <message>
        <source>Unknown role: {role}.</source>
        <translation>未知角色：{role}。</translation>
    </message>
    <message>
        <source>Choose at least one role.</source>
        <translation>请至少选择一个角色。</translation>
    </message>
    <message>
        <source>The password needs at least {minimum} characters.</source>
        <translation>密码至少需要 {minimum} 个字符。</translation>
    </message>
    <message>
        <source>The password is too simple: use at least 4 different characters.</source>
        <translation>密码过于简单：请至少使用 4 个不同的字符。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>This is the last active administrator: keep the administrator role on at least one active account.</source>
        <translation>这是最后一个在用的管理员账户：至少要有一个在用账户保留管理员角色。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账户。</translation>
    </message>
    <message>
        <source>This setting has the wrong kind of value.</source>
        <translation>该设置的值类型不正确。</translation>
    </message>
    <message>
        <source>This value is not one of the allowed choices.</source>
        <translation>该值不在允许的选项中。</translation>
    </message>
    <message>
        <source>Enter a value from {minimum} to {maximum}.</source>
        <translation>请输入 {minimum} 到 {maximum} 之间的值。</translation>
    </message>
    <message>
        <source>Some of the input is not valid.</source>
        <translation>部分输入内容无效。</translation>
    </message>
    <message>
        <source>The user name {username} is already taken.</source>
        <translation>用户名 {username} 已被使用。</translation>
    </message>
    <message>
        <source>This workstation&apos;s clinic is already set up.</source>
        <translation>本工作站的机构已经设置过了。</translation>
    </message>
    <message>
        <source>Demo accounts can only be added to a demo clinic.</source>
        <translation>演示账户只能添加到演示机构。</translation>
    </message>
    <message>
        <source>This conflicts with existing data.</source>
        <translation>与已有数据冲突。</translation>
    </message>
    <message>
        <source>Someone else changed this account in the meantime; it has been reloaded.</source>
        <translation>在此期间其他人修改了该账户，已重新加载。</translation>
    </message>
    <message>
        <source>The account {username} does not exist.</source>
        <translation>账户 {username} 不存在。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation>您的账户无权执行此操作。</translation>
    </message>
    <message>
        <source>This account has been disabled. Ask an administrator.</source>
        <translation>该账户已被停用，请联系管理员。</translation>
    </message>
    <message>
        <source>The clinic has not been set up yet.</source>
        <translation>机构尚未完成设置。</translation>
    </message>
    <message>
        <source>Wrong user name or password. {attempts} attempts left before the account is locked.</source>
        <translation>用户名或密码错误。再错 {attempts} 次账户将被锁定。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: the account is locked until {time}.</source>
        <translation>密码错误次数过多：账户已锁定至 {time}。</translation>
    </message>
    <message>
        <source>The data folder {path} is on a network share. SQLite is not safe there: use a local folder, or a PostgreSQL server for several desks.</source>
        <translation>数据文件夹 {path} 位于网络共享上，SQLite 在那里不安全：请使用本机文件夹；多个工位共用时请使用 PostgreSQL 服务器。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>磁盘已满。请清理部分空间后重试。</translation>
    </message>
    <message>
        <source>The database is busy with another desk. Try again in a moment.</source>
        <translation>数据库正被其他工位使用，请稍后重试。</translation>
    </message>
    <message>
        <source>The database cannot be written to (read-only file or folder).</source>
        <translation>数据库无法写入（文件或文件夹为只读）。</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore the latest backup.</source>
        <translation>数据库文件已损坏，请恢复最近的备份。</translation>
    </message>
    <message>
        <source>The database cannot be reached. Check the network or the database server.</source>
        <translation>无法连接数据库，请检查网络或数据库服务器。</translation>
    </message>
    <message>
        <source>Backups from this screen need the local SQLite database; PostgreSQL sites back up with pg_dump.</source>
        <translation>本页面的备份仅适用于本机 SQLite 数据库；使用 PostgreSQL 的单位请用 pg_dump 备份。</translation>
    </message>
    <message>
        <source>A backup cannot overwrite the live database. Choose another file.</source>
        <translation>备份不能覆盖正在使用的数据库，请选择其他文件。</translation>
    </message>
    <message>
        <source>The backup could not be written. Check the folder and the free space.</source>
        <translation>备份无法写入，请检查文件夹和剩余空间。</translation>
    </message>
    <message>
        <source>The backup was written but failed its integrity check; it was not kept.</source>
        <translation>备份已写入但未通过完整性检查，已丢弃。</translation>
    </message>
    <message>
        <source>The backup file {path} was not found.</source>
        <translation>找不到备份文件 {path}。</translation>
    </message>
    <message>
        <source>The backup file is damaged and cannot be restored.</source>
        <translation>备份文件已损坏，无法恢复。</translation>
    </message>
    <message>
        <source>This file is not a Fever Sentinel backup.</source>
        <translation>该文件不是发热哨点工作站的备份。</translation>
    </message>
    <message>
        <source>The backup&apos;s responsibility trail is broken at entry #{seq}; it was not restored.</source>
        <translation>该备份的责任追溯记录在第 {seq} 号处断裂，未予恢复。</translation>
    </message>
    <message>
        <source>This backup belongs to another clinic ({clinic}); it was not restored.</source>
        <translation>该备份属于其他机构（{clinic}），未予恢复。</translation>
    </message>
    <message>
        <source>The restore failed; the current data was left unchanged.</source>
        <translation>恢复失败，当前数据未被改动。</translation>
    </message>
    <message>
        <source>A signing key for this clinic already exists and was not overwritten.</source>
        <translation>本机构的签名密钥已存在，未被覆盖。</translation>
    </message>
    <message>
        <source>The clinic&apos;s signing key file is missing: {path}.</source>
        <translation>缺少本机构的签名密钥文件：{path}。</translation>
    </message>
    <message>
        <source>The clinic&apos;s signing key file is damaged: {path}.</source>
        <translation>本机构的签名密钥文件已损坏：{path}。</translation>
    </message>
    <message>
        <source>The data could not be read or written.</source>
        <translation>数据无法读取或写入。</translation>
    </message>
    <message>
        <source>Something went wrong ({code}).</source>
        <translation>出现错误（{code}）。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. The details were written to the log.</source>
        <translation>发生意外错误，详细信息已写入日志。</translation>
    </message>
    <message>
        <source>Please check the input</source>
        <translation>请检查输入</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>Data storage problem</source>
        <translation>数据存储问题</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Pre-triage nurse</source>
        <translation>预检分诊护士</translation>
    </message>
    <message>
        <source>Sentinel doctor</source>
        <translation>哨点医生</translation>
    </message>
    <message>
        <source>Gatekeeper</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>System (command line)</source>
        <translation>系统（命令行）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Township health centre</source>
        <translation>乡镇卫生院</translation>
    </message>
    <message>
        <source>County hospital</source>
        <translation>县级医院</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Clinic set up</source>
        <translation>机构设置</translation>
    </message>
    <message>
        <source>Log-in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <source>Account edited</source>
        <translation>修改账户</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>启用账户</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Pre-triage screening</source>
        <translation>预检分诊筛查</translation>
    </message>
    <message>
        <source>Fever registration</source>
        <translation>发热登记</translation>
    </message>
    <message>
        <source>Screening rules changed</source>
        <translation>修改筛查规则</translation>
    </message>
    <message>
        <source>Risk-area list replaced</source>
        <translation>更新中高风险地区名单</translation>
    </message>
    <message>
        <source>Escorted to fever clinic</source>
        <translation>专人引导至发热门诊</translation>
    </message>
    <message>
        <source>Arrived at fever clinic</source>
        <translation>到达发热门诊</translation>
    </message>
    <message>
        <source>Left without permission</source>
        <translation>擅自离开</translation>
    </message>
    <message>
        <source>Antipyretic purchase registered</source>
        <translation>退热药品购买登记</translation>
    </message>
    <message>
        <source>Paper records imported</source>
        <translation>导入纸质登记</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>就诊</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛查</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>购药</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Risk areas</source>
        <translation>风险地区</translation>
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
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>{name} ({roles})</source>
        <translation>{name}（{roles}）</translation>
    </message>
    <message>
        <source>● Database online</source>
        <translation>● 数据库在线</translation>
    </message>
    <message>
        <source>● Database OFFLINE</source>
        <translation>● 数据库离线</translation>
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
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace ALL current data with a backup file. Everything recorded since that backup is lost. Everyone must log in again afterwards.</source>
        <translation>用备份文件替换当前的全部数据。该备份之后登记的所有内容都会丢失。恢复后所有人都需要重新登录。</translation>
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

Everything recorded after that backup is lost, and everyone must log in again.</source>
        <translation>用以下备份替换当前的全部数据吗？
{path}

该备份之后登记的所有内容都会丢失，所有人都需要重新登录。</translation>
    </message>
    <message>
        <source>Restore done</source>
        <translation>恢复完成</translation>
    </message>
    <message>
        <source>The backup was restored ({rows} trail entries checked). Please log in again.</source>
        <translation>备份已恢复（已校验 {rows} 条追溯记录）。请重新登录。</translation>
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
</TS>
