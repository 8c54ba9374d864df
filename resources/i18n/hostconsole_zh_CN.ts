<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../hostconsole/app.py" line="137"/>
        <location filename="../../hostconsole/app.py" line="165"/>
        <source>The show file has problems</source>
        <translation>节目文件有问题</translation>
    </message>
    <message>
        <location filename="../../hostconsole/app.py" line="143"/>
        <source>Host Console</source>
        <translation>直播中控台</translation>
    </message>
    <message>
        <location filename="../../hostconsole/app.py" line="144"/>
        <source>No show is open.</source>
        <translation>尚未打开节目。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/app.py" line="146"/>
        <source>Open the demo show</source>
        <translation>打开演示节目</translation>
    </message>
    <message>
        <location filename="../../hostconsole/app.py" line="150"/>
        <source>Open a show file…</source>
        <translation>打开节目文件…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/app.py" line="312"/>
        <source>The new OBS and sales-feed settings apply when the show is next opened.</source>
        <translation>新的 OBS 和销售数据设置将在下次打开节目时生效。</translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="370"/>
        <source>Message to the presenter</source>
        <translation>给主持人的提示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="375"/>
        <source>Wrap up</source>
        <translation>请收尾</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="376"/>
        <source>Show the QR code</source>
        <translation>请展示二维码</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="377"/>
        <source>30 s left</source>
        <translation>还剩 30 秒</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="378"/>
        <source>Speak slower</source>
        <translation>请放慢语速</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="379"/>
        <source>Read the voucher terms</source>
        <translation>请念订车券条款</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="384"/>
        <source>Type a message…</source>
        <translation>输入提示…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="385"/>
        <source>Blink</source>
        <translation>闪烁</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="387"/>
        <source>Send preset</source>
        <translation>发送预设</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="388"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="389"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="415"/>
        <source>On the presenter&apos;s screen: %1</source>
        <translation>主持人屏幕显示：%1</translation>
    </message>
</context>
<context>
    <name>MinuteChart</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="181"/>
        <source>per minute, peak %1</source>
        <translation>每分钟，峰值 %1</translation>
    </message>
</context>
<context>
    <name>ObsPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="85"/>
        <source>OBS</source>
        <translation>OBS</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="97"/>
        <source>Studio mode</source>
        <translation>导播模式</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="98"/>
        <source>Take</source>
        <translation>切换上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="99"/>
        <source>Pre-flight…</source>
        <translation>播前检查…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="100"/>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="132"/>
        <source>PROGRAM</source>
        <translation>节目</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="136"/>
        <source>PREVIEW</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="146"/>
        <source>LIVE</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="146"/>
        <source>not streaming</source>
        <translation>未推流</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="147"/>
        <source>REC</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="147"/>
        <source>not recording</source>
        <translation>未录制</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="56"/>
        <source>Host Console — Presenter</source>
        <translation>直播中控台 — 主持人</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="102"/>
        <source>Not started: %1</source>
        <translation>未开始：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="107"/>
        <source>%1 in 5 min</source>
        <translation>5 分钟内 %1 张</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="110"/>
        <source>Next: %1</source>
        <translation>下一环节：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="112"/>
        <source>Last segment</source>
        <translation>最后一个环节</translation>
    </message>
</context>
<context>
    <name>ProducerConsole</name>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="95"/>
        <location filename="../../hostconsole/ui/console.py" line="646"/>
        <source>Host Console — %1</source>
        <translation>直播中控台 — %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="157"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="158"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="159"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="160"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="161"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="202"/>
        <source>Start the run sheet afresh</source>
        <translation>重新开始节目单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="204"/>
        <source>Keep going</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="219"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="246"/>
        <source>Show</source>
        <translation>节目</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="252"/>
        <source>GO</source>
        <translation>开始 GO</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="253"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="254"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="255"/>
        <location filename="../../hostconsole/ui/console.py" line="642"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="256"/>
        <source>+1 min</source>
        <translation>+1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="257"/>
        <source>Prepare in preview</source>
        <translation>准备到预览</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="258"/>
        <source>Take</source>
        <translation>切换上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="268"/>
        <source>Rehearsal</source>
        <translation>排练</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="273"/>
        <source>A rehearsal keeps its own ledger and logs, never mixed with the live show&apos;s</source>
        <translation>排练使用单独的账本和日志,绝不与正式直播混在一起</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="278"/>
        <source>Presenter view</source>
        <translation>主持人视图</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="281"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="284"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="335"/>
        <source>The cue did not fully reach OBS: %1</source>
        <translation>提示未完整送达 OBS:%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="404"/>
        <source>Pre-flight</source>
        <translation>播前检查</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="407"/>
        <source>OBS has everything this show needs.</source>
        <translation>OBS 已具备本节目所需的一切。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="412"/>
        <source>OBS lacks what this show needs:

%1

Create it now?</source>
        <translation>OBS 缺少本节目所需的内容：

%1

现在创建吗？</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="431"/>
        <source>Created %1 item(s) in OBS</source>
        <translation>已在 OBS 中创建 %1 项</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="476"/>
        <source>The show was not changed: %1</source>
        <translation>节目未更改:%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="487"/>
        <source>New segment</source>
        <translation>新环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="495"/>
        <source>Add segment</source>
        <translation>添加环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="527"/>
        <source>Edit segment</source>
        <translation>编辑环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="544"/>
        <source>Delete segment</source>
        <translation>删除环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="555"/>
        <source>Move segment</source>
        <translation>移动环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="572"/>
        <source>The show has ended</source>
        <translation>节目已结束</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="574"/>
        <source>ON AIR: %1</source>
        <translation>直播中：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="577"/>
        <source>Ready: press GO to start with “%1”</source>
        <translation>准备就绪：按 GO 从“%1”开始</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="581"/>
        <source>Next: %1</source>
        <translation>下一环节：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="598"/>
        <source>%1 min over</source>
        <translation>超时 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="600"/>
        <source>%1 min under</source>
        <translation>提前 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="602"/>
        <source>on time</source>
        <translation>准时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="608"/>
        <source> · hard start “%1” in %2</source>
        <translation> · 定时环节“%1”还有 %2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="613"/>
        <source> (projected %1 late)</source>
        <translation>（预计晚 %1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="619"/>
        <source>Rehearsal (the show is on %1) · </source>
        <translation>彩排（正式节目在 %1）· </translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="623"/>
        <source>Rehearsal · </source>
        <translation>排练 · </translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="626"/>
        <source>Planned end %1 · projected %2 (%3)</source>
        <translation>计划结束 %1 · 预计 %2（%3）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="635"/>
        <source>Host Console did not close normally: the show resumed at “%1” with %2 vouchers. The vouchers are kept either way.</source>
        <translation>主控台上次未正常关闭:节目已从“%1”继续,已售 %2 张券。无论如何,券数都会保留。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="642"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="674"/>
        <source>Next cue: scene %1</source>
        <translation>下一个提示：场景 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="676"/>
        <source> · shows %1</source>
        <translation> · 显示 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="678"/>
        <source> · prepared in preview</source>
        <translation> · 已在预览中准备</translation>
    </message>
</context>
<context>
    <name>RunSheetModel</name>
    <message>
        <location filename="../../hostconsole/ui/runsheet.py" line="54"/>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/runsheet.py" line="55"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/runsheet.py" line="56"/>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/runsheet.py" line="57"/>
        <source>Over/under</source>
        <translation>超时/提前</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/runsheet.py" line="58"/>
        <source>Hard start</source>
        <translation>定时开始</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/runsheet.py" line="59"/>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
</context>
<context>
    <name>SegmentDialog</name>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="66"/>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="70"/>
        <source>90s, 5m or 1:30</source>
        <translation>如 90s、5m 或 1:30</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="73"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="74"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="75"/>
        <source>OBS scene</source>
        <translation>OBS 场景</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="76"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="34"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="46"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="73"/>
        <source>unchanged (stored in the system keyring)</source>
        <translation>不修改（保存在系统钥匙串中）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="47"/>
        <source>OBS address</source>
        <translation>OBS 地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="48"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="165"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="49"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="50"/>
        <source>OBS</source>
        <translation>OBS</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="56"/>
        <source>None (manual only)</source>
        <translation>无（仅手动）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="57"/>
        <source>Poll a JSON total</source>
        <translation>轮询 JSON 总数</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="58"/>
        <source>Server-Sent Events stream</source>
        <translation>SSE 实时推送</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="59"/>
        <source>Stream, with polling as backup</source>
        <translation>实时推送，轮询备用</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="69"/>
        <source>Verify TLS certificates</source>
        <translation>验证 TLS 证书</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="74"/>
        <source>Feed</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="75"/>
        <source>Poll URL</source>
        <translation>轮询地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="76"/>
        <source>JSON pointer</source>
        <translation>JSON 指针</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="77"/>
        <source>Interval (s)</source>
        <translation>间隔（秒）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="78"/>
        <source>Stream URL</source>
        <translation>推送地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="79"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="166"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="81"/>
        <source>Sales feed</source>
        <translation>销售数据</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="87"/>
        <source>from the show file</source>
        <translation>使用节目文件中的设置</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="94"/>
        <source>from the show file, e.g. 10, 20, 30</source>
        <translation>使用节目文件中的设置，例如 10, 20, 30</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="95"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="97"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="96"/>
        <source>Milestones</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="102"/>
        <source>In a window</source>
        <translation>窗口显示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="106"/>
        <source>Full screen on %1</source>
        <translation>全屏显示于 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="114"/>
        <source>Mirror (for a prompter glass)</source>
        <translation>镜像（用于提词器玻璃）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="118"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="124"/>
        <source>Presenter screen</source>
        <translation>主持人屏幕</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="126"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="127"/>
        <source>Presenter &amp; language</source>
        <translation>主持人与语言</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="133"/>
        <source>GO</source>
        <translation>开始 GO</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="134"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="135"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="136"/>
        <source>Take</source>
        <translation>切换上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="137"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="138"/>
        <source>+1 min</source>
        <translation>+1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="145"/>
        <source>Shortcuts do nothing while you type in a text field.</source>
        <translation>在文本框中输入时，快捷键不起作用。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="146"/>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="152"/>
        <source>127.0.0.1: this computer only; 0.0.0.0: tablets and Companion too</source>
        <translation>127.0.0.1：仅本机；0.0.0.0：平板和 Companion 也可访问</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="156"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="161"/>
        <source>not shown (stored in the system keyring)</source>
        <translation>不显示（保存在系统钥匙串中）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="162"/>
        <source>Generate a new token and show it once</source>
        <translation>生成新令牌并显示一次</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="164"/>
        <source>Interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="170"/>
        <source>Away from 127.0.0.1 every request needs: Authorization: Bearer &lt;token&gt;</source>
        <translation>绑定到 127.0.0.1 以外时，每个请求都需要：Authorization: Bearer &lt;令牌&gt;</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="173"/>
        <source>Control API</source>
        <translation>控制接口</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="202"/>
        <source>The new token applies when Host Console next starts.</source>
        <translation>新令牌将在下次启动直播中控台时生效。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="214"/>
        <source>Milestones must be whole numbers separated by commas.</source>
        <translation>里程碑必须是以逗号分隔的整数。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="218"/>
        <source>Milestones must be above zero.</source>
        <translation>里程碑必须大于零。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="240"/>
        <source>Two actions cannot share one shortcut.</source>
        <translation>两个操作不能使用同一个快捷键。</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="42"/>
        <source>OBS control off</source>
        <translation>OBS 控制已关闭</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="47"/>
        <source>OBS connected</source>
        <translation>OBS 已连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="50"/>
        <source>OBS not connected — retrying (attempt %1)</source>
        <translation>OBS 未连接 — 正在重试（第 %1 次）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="54"/>
        <source>, next try in %1 s</source>
        <translation>，%1 秒后重试</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="59"/>
        <source>OBS disconnected</source>
        <translation>OBS 已断开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="60"/>
        <source>Connecting to OBS…</source>
        <translation>正在连接 OBS…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="61"/>
        <source>OBS refused the password — enter it in Settings</source>
        <translation>OBS 拒绝了密码 — 请在设置中输入</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="64"/>
        <source>OBS disconnected this console — press Reconnect</source>
        <translation>OBS 断开了本控制台 — 请按“重新连接”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="67"/>
        <source>OBS is too old: obs-websocket 5 is needed</source>
        <translation>OBS 版本过旧：需要 obs-websocket 5</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="188"/>
        <source>manual only</source>
        <translation>仅手动</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="198"/>
        <source>offline: token refused</source>
        <translation>离线：令牌被拒绝</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="200"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="202"/>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="203"/>
        <source>stale %1 s</source>
        <translation>已 %1 秒未更新</translation>
    </message>
</context>
<context>
    <name>TalkingPointsPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="310"/>
        <source>Talking points</source>
        <translation>讲解要点</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="315"/>
        <source>Push to presenter</source>
        <translation>推送给主持人</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="316"/>
        <source>Caption on air</source>
        <translation>字幕上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="317"/>
        <source>Caption off</source>
        <translation>撤下字幕</translation>
    </message>
</context>
<context>
    <name>VoucherPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="214"/>
        <source>Vouchers</source>
        <translation>订车券</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="237"/>
        <source>+ Add…</source>
        <translation>+ 增加…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="238"/>
        <source>− Remove…</source>
        <translation>− 减少…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="256"/>
        <source>phone order</source>
        <translation>电话订单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="257"/>
        <source>miscount</source>
        <translation>计数错误</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="258"/>
        <source>test order</source>
        <translation>测试订单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="259"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="264"/>
        <source>Correct the voucher count</source>
        <translation>修正券数</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="265"/>
        <source>Reason (required):</source>
        <translation>原因（必填）：</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="283"/>
        <source>%1 in 5 min</source>
        <translation>5 分钟内 %1 张</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="292"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
</TS>
