<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Alarm</name>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="615"/>
        <source>NOT LIVE: a segment is on air but OBS is not streaming</source>
        <translation>未在直播：环节正在进行，但 OBS 没有推流</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="618"/>
        <source>STREAM INTERRUPTED: OBS is reconnecting to the server</source>
        <translation>直播信号中断：OBS 正在重新连接服务器</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="621"/>
        <source>Network congestion: viewers may see the stream stutter</source>
        <translation>网络拥塞：观众可能看到卡顿</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="624"/>
        <source>Frames are being dropped on the way to viewers</source>
        <translation>推流途中正在丢帧</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="627"/>
        <source>OBS cannot render every frame in time</source>
        <translation>OBS 来不及渲染每一帧</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="630"/>
        <source>OBS&apos;s frame rate is below the canvas&apos;s</source>
        <translation>OBS 的帧率低于画布帧率</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="631"/>
        <source>The recording of this show has stopped</source>
        <translation>本场节目的录制已停止</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="634"/>
        <source>The recording&apos;s disk is running out</source>
        <translation>录制所用磁盘空间即将耗尽</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../hostconsole/app.py" line="146"/>
        <source>Read-only: %1. Nothing can be changed from this console.</source>
        <translation>只读：%1。在此控制台上不能做任何更改。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="93"/>
        <source>Show already open</source>
        <translation>节目已打开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="95"/>
        <source>This show is open in another Host Console (%1). One console runs a show; this one can open it read-only.</source>
        <translation>此节目已在另一个直播控制台中打开（%1）。一个节目只能由一个控制台运行；此控制台可以只读方式打开。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="102"/>
        <source>Open read-only</source>
        <translation>只读打开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="104"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="55"/>
        <location filename="../../hostconsole/ui/opening.py" line="83"/>
        <source>The show file has problems</source>
        <translation>节目文件有问题</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="61"/>
        <source>Host Console</source>
        <translation>直播中控台</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="62"/>
        <source>No show is open.</source>
        <translation>尚未打开节目。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="64"/>
        <source>Open the demo show</source>
        <translation>打开演示节目</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/opening.py" line="68"/>
        <source>Open a show file…</source>
        <translation>打开节目文件…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/app.py" line="244"/>
        <source>Saved. These apply when the show is next opened: %1</source>
        <translation>已保存。以下设置在下次打开节目时生效：%1</translation>
    </message>
</context>
<context>
    <name>GraphicsPanel</name>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="71"/>
        <source>Graphics</source>
        <translation>图文</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="80"/>
        <source>Clear all graphics</source>
        <translation>清除全部图文</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="106"/>
        <source>Take</source>
        <translation>上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="108"/>
        <source>Clear</source>
        <translation>下屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="144"/>
        <source>ON AIR</source>
        <translation>播出中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="147"/>
        <source>off</source>
        <translation>未播出</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="150"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="209"/>
        <source>Next cue: no more segments</source>
        <translation>下一个提示：没有后续环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="215"/>
        <source>Next cue (“%1”) puts on air:</source>
        <translation>下一个提示（“%1”）将播出：</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="217"/>
        <source>Next cue (“%1”) puts no graphic on air</source>
        <translation>下一个提示（“%1”）不播出图文</translation>
    </message>
</context>
<context>
    <name>Log</name>
    <message>
        <location filename="../../hostconsole/ui/logpanel.py" line="46"/>
        <source>(details in the log file)</source>
        <translation>（详情见日志文件）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/logpanel.py" line="69"/>
        <source>INFO</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/logpanel.py" line="70"/>
        <source>WARNING</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/logpanel.py" line="71"/>
        <source>ERROR</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/logpanel.py" line="72"/>
        <source>CRITICAL</source>
        <translation>严重</translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="514"/>
        <source>Message to the presenter</source>
        <translation>给主持人的提示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="519"/>
        <source>Wrap up</source>
        <translation>请收尾</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="520"/>
        <source>Show the QR code</source>
        <translation>请展示二维码</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="521"/>
        <source>{left} left</source>
        <translation>还剩 {left}</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="522"/>
        <source>Speak slower</source>
        <translation>请放慢语速</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="523"/>
        <source>Read the voucher terms</source>
        <translation>请念订车券条款</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="528"/>
        <source>Type a message…</source>
        <translation>输入提示…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="529"/>
        <source>Blink</source>
        <translation>闪烁</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="531"/>
        <source>Send preset</source>
        <translation>发送预设</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="532"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="533"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="559"/>
        <source>On the presenter&apos;s screen: %1</source>
        <translation>主持人屏幕显示：%1</translation>
    </message>
</context>
<context>
    <name>MinuteChart</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="233"/>
        <source>peak %1 a minute</source>
        <translation>每分钟最多 %1 张</translation>
    </message>
</context>
<context>
    <name>ObsPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="93"/>
        <source>OBS</source>
        <translation>OBS</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="105"/>
        <source>Studio mode</source>
        <translation>导播模式</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="106"/>
        <source>Take</source>
        <translation>切换上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="107"/>
        <source>Pre-flight…</source>
        <translation>播前检查…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="108"/>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="112"/>
        <location filename="../../hostconsole/ui/panels.py" line="182"/>
        <source>Start streaming</source>
        <translation>开始推流</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="114"/>
        <location filename="../../hostconsole/ui/panels.py" line="183"/>
        <source>Start recording</source>
        <translation>开始录制</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="160"/>
        <source>last seen on program</source>
        <translation>断开前在节目中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="162"/>
        <source>OBS is not connected: the tally is unknown</source>
        <translation>OBS 未连接：播出状态未知</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="168"/>
        <source>PROGRAM</source>
        <translation>节目</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="172"/>
        <source>PREVIEW</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="182"/>
        <source>Stop streaming</source>
        <translation>停止推流</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="183"/>
        <source>Stop recording</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="190"/>
        <source>streaming and recording unknown (OBS not connected)</source>
        <translation>推流和录制状态未知（OBS 未连接）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="193"/>
        <source>LIVE</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="193"/>
        <source>not streaming</source>
        <translation>未推流</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="194"/>
        <source>REC</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="194"/>
        <source>not recording</source>
        <translation>未录制</translation>
    </message>
</context>
<context>
    <name>Overlay</name>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="53"/>
        <source>Lower third</source>
        <translation>名条</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="54"/>
        <source>Voucher counter</source>
        <translation>订车券计数</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="55"/>
        <source>Product card</source>
        <translation>商品卡</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="56"/>
        <source>Caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="57"/>
        <source>Milestone card</source>
        <translation>里程碑卡</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="58"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="59"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="60"/>
        <source>Flash-sale clock</source>
        <translation>限时抢购倒计时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/graphics_panel.py" line="61"/>
        <source>Question card</source>
        <translation>提问卡</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="196"/>
        <source>Host Console — Presenter</source>
        <translation>直播中控台 — 主持人</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="258"/>
        <source>Not started: %1</source>
        <translation>未开始：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="266"/>
        <source>%1 in 5 min · catching up</source>
        <translation>5 分钟内 %1 张 · 追赶中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="268"/>
        <source>%1 in 5 min</source>
        <translation>5 分钟内 %1 张</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="272"/>
        <source>Next: %1</source>
        <translation>下一环节：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="274"/>
        <source>Last segment</source>
        <translation>最后一个环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="284"/>
        <source>Off air: the standby picture is showing and your microphone is muted</source>
        <translation>已暂离直播：观众看到的是待机画面，您的麦克风已静音</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="286"/>
        <source>The stream is interrupted: the producer is on it</source>
        <translation>直播信号中断：导播正在处理</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="320"/>
        <source>Question from %1: %2</source>
        <translation>观众 %1 提问：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="324"/>
        <source>Question: %1</source>
        <translation>观众提问：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="682"/>
        <source>OVER TIME</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/presenter.py" line="790"/>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="43"/>
        <source>Retry saving</source>
        <translation>重试保存</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="45"/>
        <source>Use the file&apos;s version</source>
        <translation>使用文件中的版本</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="47"/>
        <source>Keep mine</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="49"/>
        <source>Dismiss</source>
        <translation>知道了</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="65"/>
        <source>The voucher ledger: %1</source>
        <translation>订车券账本：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="68"/>
        <source>The saved run state could not be used: %1</source>
        <translation>保存的运行状态无法使用：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="74"/>
        <source>The sales stream started at %1 and the platform sends no total: sales made before then are not counted. Add a poll URL in Settings so the count can reconcile.</source>
        <translation>销售数据流从 %1 开始接入，且平台不提供总数：此前的销售未计入。请在设置中添加轮询地址，以便核对总数。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="91"/>
        <source>The voucher ledger cannot be written (%1): %2 sales are held in memory and written as soon as it can be. Keep Host Console open; free the disk.</source>
        <translation>无法写入券账本（%1）：%2 笔销售暂存在内存中，一旦可以写入即会保存。请保持直播控制台运行，并清理磁盘空间。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="101"/>
        <source>OBS does not take updates of “%1” (renamed or deleted?): what it shows stays as it was. Run pre-flight, or give the source its name back in OBS.</source>
        <translation>OBS 不接受“%1”的更新（被改名或删除了？）：画面上的内容保持不变。请运行预检，或在 OBS 中把来源名称改回。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/problems.py" line="107"/>
        <source>The show file is not saved: %1</source>
        <translation>节目文件未保存：%1</translation>
    </message>
</context>
<context>
    <name>ProducerConsole</name>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="120"/>
        <location filename="../../hostconsole/ui/console.py" line="959"/>
        <source>Host Console — %1</source>
        <translation>直播中控台 — %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="225"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="226"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="227"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="228"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="229"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="259"/>
        <source>OBS</source>
        <translation>OBS</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="260"/>
        <source>Graphics</source>
        <translation>图文</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="302"/>
        <source>Start the run sheet afresh</source>
        <translation>重新开始节目单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="304"/>
        <location filename="../../hostconsole/ui/console.py" line="632"/>
        <source>Keep going</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="326"/>
        <location filename="../../hostconsole/ui/console.py" line="396"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="358"/>
        <source>Show</source>
        <translation>节目</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="187"/>
        <location filename="../../hostconsole/ui/console.py" line="364"/>
        <source>GO</source>
        <translation>开始 GO</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="176"/>
        <source>Dismiss prompt</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="265"/>
        <source>Clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="273"/>
        <source>Talking points</source>
        <translation>讲解要点</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="274"/>
        <location filename="../../hostconsole/ui/console.py" line="985"/>
        <source>Questions</source>
        <translation>观众提问</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="280"/>
        <source>Messages</source>
        <translation>给主持人的提示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="281"/>
        <source>Prompter</source>
        <translation>提词器</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="365"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="366"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="367"/>
        <location filename="../../hostconsole/ui/console.py" line="955"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="368"/>
        <source>+1 min</source>
        <translation>+1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="369"/>
        <source>Prepare in preview</source>
        <translation>准备到预览</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="370"/>
        <source>Take</source>
        <translation>切换上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="371"/>
        <source>Clear graphics</source>
        <translation>清除图文</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="372"/>
        <location filename="../../hostconsole/ui/console.py" line="855"/>
        <source>SAFE</source>
        <translation>安全离播</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="373"/>
        <source>Clip</source>
        <translation>剪片段</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="383"/>
        <source>Rehearsal</source>
        <translation>排练</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="388"/>
        <source>A rehearsal keeps its own ledger and logs, never mixed with the live show&apos;s</source>
        <translation>排练使用单独的账本和日志,绝不与正式直播混在一起</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="400"/>
        <source>Report…</source>
        <translation>结果报告…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="402"/>
        <source>The show&apos;s results as a web page to print or send on</source>
        <translation>把本场结果做成网页，可打印或转发</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="406"/>
        <source>Presenter view</source>
        <translation>主持人视图</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="409"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="413"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="442"/>
        <source>The report could not be written: %1</source>
        <translation>报告没能写出：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="449"/>
        <source>Report written: %1</source>
        <translation>报告已写出：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="464"/>
        <source>The show has ended: %1 vouchers in %2 min · best five minutes %3 · peak %4 a minute</source>
        <translation>节目已结束：%2 分钟售出 %1 张 · 最好的 5 分钟 %3 张 · 每分钟最多 %4 张</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="480"/>
        <source>the producer&apos;s clip</source>
        <translation>导播剪辑的片段</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="495"/>
        <source>%1 %2 — %3 s</source>
        <translation>%1 %2 — %3 秒</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="498"/>
        <source>%1 %2 — not made: %3</source>
        <translation>%1 %2 — 未生成：%3</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="554"/>
        <source>The cue did not fully reach OBS: %1</source>
        <translation>提示未完整送达 OBS:%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="623"/>
        <source>Stop streaming?</source>
        <translation>停止推流？</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="625"/>
        <source>A segment is on air. Stop streaming now? Viewers see the stream end.</source>
        <translation>环节正在播出。现在停止推流吗？观众会看到直播结束。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="628"/>
        <source>Stop recording?</source>
        <translation>停止录制？</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="630"/>
        <source>A segment is on air. Stop recording now? The rest is not recorded.</source>
        <translation>环节正在播出。现在停止录制吗？之后的内容将不会被录下。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="633"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="657"/>
        <source>Pre-flight</source>
        <translation>播前检查</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="661"/>
        <source>Words the Advertising Law bans on air (absolute claims):</source>
        <translation>广告法禁止在节目中使用的绝对化用语：</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="667"/>
        <source>OBS has everything this show needs.</source>
        <translation>OBS 已具备本节目所需的一切。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="672"/>
        <source>OBS lacks what this show needs:

%1

Create it now?</source>
        <translation>OBS 缺少本节目所需的内容：

%1

现在创建吗？</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="691"/>
        <source>Created %1 item(s) in OBS</source>
        <translation>已在 OBS 中创建 %1 项</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="694"/>
        <source>Created %1 item(s) in OBS; not created: %2</source>
        <translation>已在 OBS 中创建 %1 项；未能创建：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="741"/>
        <source>The show was not changed: %1</source>
        <translation>节目未更改:%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="752"/>
        <source>New segment</source>
        <translation>新环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="760"/>
        <source>Add segment</source>
        <translation>添加环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="792"/>
        <source>Edit segment</source>
        <translation>编辑环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="809"/>
        <source>Delete segment</source>
        <translation>删除环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="820"/>
        <source>Move segment</source>
        <translation>移动环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="844"/>
        <source>%1 (since %2)</source>
        <translation>%1（自 %2 起）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="855"/>
        <source>Back on air</source>
        <translation>回到直播</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="864"/>
        <source>OFF AIR (SAFE) since %1: standby on program, microphones muted</source>
        <translation>已安全离播（自 %1 起）：节目输出为待机画面，麦克风已静音</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="872"/>
        <source>The show has ended</source>
        <translation>节目已结束</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="874"/>
        <source>ON AIR: %1</source>
        <translation>直播中：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="877"/>
        <source>Ready: press GO to start with “%1”</source>
        <translation>准备就绪：按 GO 从“%1”开始</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="881"/>
        <source>Next: %1</source>
        <translation>下一环节：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="891"/>
        <source>NOT ON AIR: the cue for “%1” did not reach OBS; it is re-applied when OBS is back</source>
        <translation>未播出：“%1”的提示未送达 OBS；OBS 恢复后会重新发送</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="911"/>
        <source>%1 min over</source>
        <translation>超时 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="913"/>
        <source>%1 min under</source>
        <translation>提前 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="915"/>
        <source>on time</source>
        <translation>准时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="921"/>
        <source> · hard start “%1” in %2</source>
        <translation> · 定时环节“%1”还有 %2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="926"/>
        <source> (projected %1 late)</source>
        <translation>（预计晚 %1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="932"/>
        <source>Rehearsal (the show is on %1) · </source>
        <translation>彩排（正式节目在 %1）· </translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="936"/>
        <source>Rehearsal · </source>
        <translation>排练 · </translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="939"/>
        <source>Planned end %1 · projected %2 (%3)</source>
        <translation>计划结束 %1 · 预计 %2（%3）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="948"/>
        <source>Host Console did not close normally: the show resumed at “%1” with %2 vouchers. The vouchers are kept either way.</source>
        <translation>主控台上次未正常关闭:节目已从“%1”继续,已售 %2 张券。无论如何,券数都会保留。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="955"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="983"/>
        <source>Questions (%1)</source>
        <translation>观众提问（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="989"/>
        <source>On the presenter&apos;s screen: %1</source>
        <translation>主持人屏幕上：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1014"/>
        <source>Next cue: scene %1</source>
        <translation>下一个提示：场景 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1016"/>
        <source> · shows %1</source>
        <translation> · 显示 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1023"/>
        <source> · takes off %1</source>
        <translation> · 撤下 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1025"/>
        <source> · prepared in preview</source>
        <translation> · 已在预览中准备</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1055"/>
        <source>The show is on air</source>
        <translation>节目正在直播</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1058"/>
        <source>The show is running (%1). Quit now and Host Console resumes it at this segment when it starts again; OBS keeps showing what it shows.</source>
        <translation>节目正在进行（%1）。现在退出，Host Console 下次启动时会从这一环节继续；OBS 会继续显示当前画面。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1062"/>
        <source>Keep running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="1063"/>
        <source>Quit and resume later</source>
        <translation>退出，稍后继续</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="245"/>
        <source>Sales are flowing — mention the count: %1 sold</source>
        <translation>正在热卖——报一下销量：已售 %1 张</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="248"/>
        <source>No sale for a while — say: %1</source>
        <translation>一段时间没有成交——可以讲：%1</translation>
    </message>
</context>
<context>
    <name>PrompterPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="572"/>
        <source>Prompter</source>
        <translation>提词器</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="580"/>
        <location filename="../../hostconsole/ui/panels.py" line="610"/>
        <source>Show on presenter</source>
        <translation>在主持人屏幕显示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="581"/>
        <location filename="../../hostconsole/ui/panels.py" line="612"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="582"/>
        <source>Slower</source>
        <translation>慢一点</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="583"/>
        <source>Faster</source>
        <translation>快一点</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="584"/>
        <source>Smaller</source>
        <translation>字小一点</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="585"/>
        <source>Bigger</source>
        <translation>字大一点</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="586"/>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="587"/>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="588"/>
        <source>◀ Segment</source>
        <translation>◀ 上一环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="589"/>
        <source>Segment ▶</source>
        <translation>下一环节 ▶</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="610"/>
        <source>Hide from presenter</source>
        <translation>从主持人屏幕隐藏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="612"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="614"/>
        <source>No segment has a script (script: in the show file)</source>
        <translation>没有环节写了讲稿（节目文件中的 script:）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="620"/>
        <source>%1 · %2 · speed %3 characters/s · %4 %</source>
        <translation>%1 · %2 · 速度每秒 %3 字 · %4 %</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="621"/>
        <source>running</source>
        <translation>滚动中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="621"/>
        <source>held</source>
        <translation>已停住</translation>
    </message>
</context>
<context>
    <name>QuestionsPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="637"/>
        <source>Viewers&apos; questions</source>
        <translation>观众提问</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="651"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="652"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="653"/>
        <source>To presenter</source>
        <translation>给主持人看</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="654"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="655"/>
        <source>Card on air</source>
        <translation>提问卡上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="656"/>
        <source>Card off air</source>
        <translation>提问卡下屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="698"/>
        <source>On the presenter&apos;s screen: %1</source>
        <translation>主持人屏幕上：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="700"/>
        <source>On air: %1</source>
        <translation>已上屏：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="704"/>
        <source>Viewers&apos; questions (%1 new)</source>
        <translation>观众提问（%1 条新）</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="29"/>
        <location filename="../../hostconsole/ui/reasons.py" line="102"/>
        <source>nothing is listening at %1</source>
        <translation>%1 上没有服务在监听</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="27"/>
        <source>no answer from %1 in time (%2)</source>
        <translation>%1 未及时应答（%2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="28"/>
        <source>cannot find the host “%1”</source>
        <translation>找不到主机“%1”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="30"/>
        <location filename="../../hostconsole/ui/reasons.py" line="110"/>
        <source>cannot connect to %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="34"/>
        <source>%1 broke the connection (%2)</source>
        <translation>%1 中断了连接（%2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="36"/>
        <source>HTTP error talking to %1: %2</source>
        <translation>与 %1 通信时出现 HTTP 错误：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="37"/>
        <source>the sales API refused the token (HTTP %1): enter the right token in Settings</source>
        <translation>销售接口拒绝了令牌（HTTP %1）：请在设置中输入正确的令牌</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="41"/>
        <source>the sales URL was not found (HTTP 404): check the feed URL in Settings</source>
        <translation>找不到销售地址（HTTP 404）：请在设置中检查数据源地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="44"/>
        <source>the sales API asks us to slow down (HTTP 429)</source>
        <translation>销售接口要求放慢请求（HTTP 429）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="47"/>
        <source>the sales API failed (HTTP %1); retrying</source>
        <translation>销售接口出错（HTTP %1），正在重试</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="50"/>
        <source>unexpected HTTP %1 from the sales API</source>
        <translation>销售接口返回了意外的 HTTP %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="56"/>
        <source>the sales API did not send JSON (it began %1)</source>
        <translation>销售接口返回的不是 JSON（开头为 %1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="59"/>
        <source>the response has no value at %1</source>
        <translation>响应中 %1 处没有数值</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="60"/>
        <source>%1 at %2; ignored</source>
        <translation>%2 处 %1；已忽略</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="61"/>
        <source>total %1</source>
        <translation>总数 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="62"/>
        <source>stream: %1</source>
        <translation>推送流：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="68"/>
        <source>the stream ended; reconnecting</source>
        <translation>推送流已结束，正在重连</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="63"/>
        <location filename="../../hostconsole/ui/reasons.py" line="563"/>
        <location filename="../../hostconsole/ui/reasons.py" line="651"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="64"/>
        <location filename="../../hostconsole/ui/reasons.py" line="573"/>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="55"/>
        <location filename="../../hostconsole/ui/reasons.py" line="574"/>
        <source>unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="31"/>
        <source>%1; a sales count should be tiny — is the URL right?</source>
        <translation>%1；销量数据应当很小——网址对吗？</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="53"/>
        <location filename="../../hostconsole/ui/reasons.py" line="575"/>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="54"/>
        <location filename="../../hostconsole/ui/reasons.py" line="71"/>
        <location filename="../../hostconsole/ui/reasons.py" line="576"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="65"/>
        <source>live; %1 malformed event(s) quarantined</source>
        <translation>实时；%1 条格式错误的事件已隔离</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="70"/>
        <location filename="../../hostconsole/ui/reasons.py" line="577"/>
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="72"/>
        <source>retrying on request</source>
        <translation>按要求重试</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="73"/>
        <source>connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="74"/>
        <source>attempt %1 at %2</source>
        <translation>第 %1 次尝试连接 %2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="80"/>
        <source>connection lost: %1</source>
        <translation>连接中断：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="75"/>
        <source>re-sync failed: %1</source>
        <translation>重新同步失败：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="116"/>
        <source>OBS refused the password</source>
        <translation>OBS 拒绝了密码</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="98"/>
        <source>connecting took too long</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="117"/>
        <source>OBS at %1 did not finish connecting within %2 s (still starting?)</source>
        <translation>%1 上的 OBS 未能在 %2 秒内完成连接（仍在启动？）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="88"/>
        <source>OBS did not answer within %1 s</source>
        <translation>OBS 在 %1 秒内没有应答</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="35"/>
        <location filename="../../hostconsole/ui/reasons.py" line="517"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="76"/>
        <source>OBS %1, obs-websocket %2</source>
        <translation>OBS %1，obs-websocket %2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="77"/>
        <source>OBS disconnected this console (kicked); reconnect when ready</source>
        <translation>OBS 断开了本控制台（被踢出）；准备好后请重新连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="81"/>
        <source>OBS connection lost</source>
        <translation>OBS 连接中断</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="82"/>
        <source>the event connection ended</source>
        <translation>事件连接已结束</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="85"/>
        <source>no answer to the heartbeat (%1)</source>
        <translation>心跳无应答（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="86"/>
        <source>OBS closed the connection (%1)</source>
        <translation>OBS 关闭了连接（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="87"/>
        <source>no answer within %1 s</source>
        <translation>%1 秒内无应答</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="91"/>
        <source>OBS is not connected (%1)</source>
        <translation>OBS 未连接（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="94"/>
        <source>OBS is not connected</source>
        <translation>OBS 未连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="95"/>
        <source>OBS accepted the change but never confirmed it</source>
        <translation>OBS 接受了更改但没有确认</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="99"/>
        <source>the OBS password cannot be read: %1</source>
        <translation>无法读取 OBS 密码：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="103"/>
        <source>OBS at %1 did not answer within %2 s (frozen, or obs-websocket older than 5?)</source>
        <translation>%1 上的 OBS 在 %2 秒内没有应答（卡住了，还是 obs-websocket 版本低于 5？）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="107"/>
        <source>%1 is not an obs-websocket server (%2)</source>
        <translation>%1 不是 obs-websocket 服务器（%2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="111"/>
        <source>OBS asks for a password and none is set: enter the obs-websocket password (OBS: Tools → WebSocket Server Settings)</source>
        <translation>OBS 需要密码但尚未设置：请输入 obs-websocket 密码（OBS：工具 → WebSocket 服务器设置）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="120"/>
        <source>OBS at %1 answered unexpectedly while connecting: %2</source>
        <translation>%1 上的 OBS 在连接时给出了意外应答：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="123"/>
        <source>obs-websocket %1 is too old: Host Console needs 5.0 or newer (built into OBS 28 and later)</source>
        <translation>obs-websocket %1 版本过旧：直播中控台需要 5.0 或更新版本（OBS 28 及以后已内置）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="128"/>
        <source>OBS did not answer %1 within %2 s</source>
        <translation>OBS 未在 %2 秒内应答 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="131"/>
        <source>connection lost during %1: %2</source>
        <translation>执行 %1 时连接中断：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="132"/>
        <source>OBS did not answer a batch of %1 within %2 s</source>
        <translation>OBS 未在 %2 秒内应答 %1 条批量请求</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="135"/>
        <source>connection lost during a batch: %1</source>
        <translation>批量请求时连接中断：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="138"/>
        <source>OBS answered a batch out of step; reconnecting</source>
        <translation>OBS 的批量应答顺序错乱，正在重连</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="141"/>
        <source>OBS refused %1 (code %2)</source>
        <translation>OBS 拒绝了 %1（代码 %2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="142"/>
        <source>OBS refused %1 (code %2): %3</source>
        <translation>OBS 拒绝了 %1（代码 %2）：%3</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="143"/>
        <source>OBS %1: %2</source>
        <translation>OBS %1：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="144"/>
        <source>settings saved; at next start: %1</source>
        <translation>设置已保存；下次启动时生效：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="147"/>
        <source>no font with Chinese glyphs found; install Noto Sans CJK or WenQuanYi</source>
        <translation>找不到含中文字形的字体；请安装 Noto Sans CJK 或文泉驿</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="150"/>
        <source>the show folder cannot be locked (%1); opening anyway</source>
        <translation>节目文件夹无法加锁（%1）；仍然打开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="153"/>
        <source>rehearsal and live are switched only before the show starts</source>
        <translation>只能在节目开始前切换排练与正式直播</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="156"/>
        <source>the show is open as a rehearsal</source>
        <translation>节目以排练方式打开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="159"/>
        <source>the show is open as the live run</source>
        <translation>节目以正式直播方式打开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="160"/>
        <source>control API not started on %1: %2</source>
        <translation>控制接口未在 %1 上启动：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="163"/>
        <source>control API not started on %1: it needs a token there — Settings → Control API → Generate a new token</source>
        <translation>控制接口未在 %1 上启动：在那里需要令牌——设置 → 控制接口 → 生成新令牌</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="168"/>
        <source>control API not started: port %1 on %2 is unavailable (%3)</source>
        <translation>控制接口未启动：%2 上的端口 %1 不可用（%3）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="171"/>
        <source>the console is up: %1 (process %2)</source>
        <translation>控制台已就绪：%1（进程 %2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="174"/>
        <source>the console is up: %1 (read-only) (process %2)</source>
        <translation>控制台已就绪：%1（只读）（进程 %2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="177"/>
        <source>closing: the control API did not stop cleanly (%1)</source>
        <translation>关闭中：控制接口未能正常停止（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="180"/>
        <source>Host Console closed cleanly</source>
        <translation>直播中控台已正常关闭</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="181"/>
        <source>could not raise the open-file limit from %1: %2</source>
        <translation>无法从 %1 提高打开文件数上限：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="184"/>
        <source>control API on http://%1:%2 (token required)</source>
        <translation>控制接口位于 http://%1:%2（需要令牌）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="187"/>
        <source>control API on http://%1:%2 (token not needed on loopback)</source>
        <translation>控制接口位于 http://%1:%2（本机访问无需令牌）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="190"/>
        <source>control API token replaced; the previous token no longer works</source>
        <translation>控制接口令牌已更换；旧令牌不再有效</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="193"/>
        <source>control API: %1 %2 failed</source>
        <translation>控制接口：%1 %2 失败</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="194"/>
        <source>control API: dropped an event stream that was not read</source>
        <translation>控制接口：已断开一个没有被读取的事件流</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="197"/>
        <source>%1 after the show was closed: written at once</source>
        <translation>节目关闭后才写 %1：已立即写入</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="200"/>
        <source>could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="201"/>
        <source>%1 is written again</source>
        <translation>%1 已恢复写入</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="202"/>
        <source>closing: %1 did not stop within %2 s; closing without it</source>
        <translation>关闭中：%1 未在 %2 秒内停止；不等它继续关闭</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="205"/>
        <source>closing: %1 failed: %2</source>
        <translation>关闭中：%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="206"/>
        <source>closed mid-show (%1, %2): the next start resumes there</source>
        <translation>节目中途关闭（%1，%2）：下次启动从那里继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="209"/>
        <source>the graphic %1 that went on air could not be kept: %2</source>
        <translation>已播出的图文 %1 无法留存：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="212"/>
        <source>the correction is committed to the WAL, not yet the file: %1</source>
        <translation>更正已提交到预写日志，尚未写入文件：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="215"/>
        <source>the ledger writer failed; retrying</source>
        <translation>账本写入出错；正在重试</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="218"/>
        <source>ledger snapshot not written: %1</source>
        <translation>账本快照未写入：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="221"/>
        <source>the ledger could not be replayed; restart Host Console</source>
        <translation>账本无法重放；请重启直播中控台</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="224"/>
        <source>after-command hook failed</source>
        <translation>命令后续处理出错</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="225"/>
        <source>could not record %1 in the command log</source>
        <translation>无法把 %1 记入命令日志</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="228"/>
        <source>the hub needs the show&apos;s id (id: in the show file); not reporting</source>
        <translation>购物节看板需要节目的 id（节目文件中的 id:）；不上报</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="231"/>
        <source>reporting to the hub at %1 as %2</source>
        <translation>正在以 %2 向 %1 的购物节看板上报</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="234"/>
        <source>the show file changed on disk while saving; taking it in first</source>
        <translation>保存时磁盘上的节目文件被修改；先载入它</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="237"/>
        <source>OBS supervisor ended irregularly: %1</source>
        <translation>OBS 连接监控异常结束：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="240"/>
        <source>program scene not read after a collection switch: %1</source>
        <translation>切换场景集合后未能读取节目场景：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="243"/>
        <source>a listener of what went on air failed</source>
        <translation>播出记录的一个接收方出错</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="246"/>
        <source>keyring backend failed reading %1: %2</source>
        <translation>密钥环读取 %1 失败：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="249"/>
        <source>keyring backend failed storing %1: %2</source>
        <translation>密钥环保存 %1 失败：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="252"/>
        <source>the bundled font %1 could not be loaded</source>
        <translation>无法加载内置字体 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="255"/>
        <source>the theme&apos;s font %1 could not be loaded</source>
        <translation>无法加载主题字体 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="258"/>
        <source>the theme&apos;s font %1 is not installed; using the bundled one</source>
        <translation>主题字体 %1 未安装；改用内置字体</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="261"/>
        <source>a view failed on %1 (%2); the show goes on</source>
        <translation>一个视图在处理%1时出错（%2）；节目继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="264"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="265"/>
        <source>the show file on disk has an error (line %1: %2); the run sheet here is kept until it is fixed</source>
        <translation>磁盘上的节目文件有错误（第 %1 行：%2）；修正之前保留此处的节目单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="270"/>
        <source>the show file changed outside Host Console and the unsaved edits here do not fit it (%1)</source>
        <translation>节目文件在直播中控台之外被修改，此处未保存的编辑与它不相容（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="275"/>
        <source>the show file changed on disk and no longer has “%1”, which is on air; it is taken in once another segment is on air</source>
        <translation>磁盘上的节目文件已修改，不再包含正在播出的“%1”；等下一个环节开始播出时再载入</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="280"/>
        <source>the edit is on the run sheet, but the show file could not be saved (%1); it is kept here and saved again when possible</source>
        <translation>编辑已在节目单上，但节目文件无法保存（%1）；先保留在此处，一有可能就再次保存</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="285"/>
        <source>the voucher ledger was damaged (%1); kept as %2. A new ledger holds the %3 entries that could be read; the sales stream replays what is missing and the platform&apos;s total reconciles the count.</source>
        <translation>订车券账本已损坏（%1），原文件另存为 %2。新账本保存了可读取的 %3 条记录；销售推送流会重放缺失的部分，平台总数会校准计数。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="291"/>
        <source>the voucher ledger was damaged (%1); kept as %2. A new ledger holds the %3 entries that could be read (%4 stretch(es) could not); the sales stream replays what is missing and the platform&apos;s total reconciles the count.</source>
        <translation>订车券账本已损坏（%1），原文件另存为 %2。新账本保存了可读取的 %3 条记录（%4 段无法读取）；销售推送流会重放缺失的部分，平台总数会校准计数。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="297"/>
        <source>the ledger could not be replayed: restart Host Console</source>
        <translation>账本无法重放：请重启直播中控台</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="300"/>
        <source>the voucher ledger file is damaged: %1. Sales are still counted and kept; when Host Console starts again it keeps the damaged file aside and rebuilds the ledger from what can be read and the platform&apos;s replay.</source>
        <translation>订车券账本文件已损坏：%1。销售仍在计数并保存；直播中控台下次启动时会把损坏的文件另存，并用可读取的内容和平台的重放重建账本。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="306"/>
        <source>%1: %2; kept as %3, the show starts afresh</source>
        <translation>%1：%2；已另存为 %3，节目从头开始</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="309"/>
        <source>%1: %2; it could not be moved aside (%3)</source>
        <translation>%1：%2；无法另存（%3）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="312"/>
        <source>%1: cannot be read (%2)</source>
        <translation>%1：无法读取（%2）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="313"/>
        <source>is damaged (not complete JSON)</source>
        <translation>已损坏（JSON 不完整）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="314"/>
        <source>is damaged (not a JSON object)</source>
        <translation>已损坏（不是 JSON 对象）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="317"/>
        <source>holds a clock that cannot be read</source>
        <translation>其中的时钟无法读取</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="320"/>
        <source>could not be resumed (%1)</source>
        <translation>无法恢复（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="321"/>
        <source>the count is whole: %1 entries replayed in %2 s</source>
        <translation>计数已完整：%2 秒内重放了 %1 条记录</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="324"/>
        <source>closing with %1 ledger entries not written (%2); the sales stream resumes after event %3</source>
        <translation>关闭时有 %1 条账本记录未写入（%2）；销售推送流将从事件 %3 之后继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="329"/>
        <source>sales %1: event %2 quarantined: %3</source>
        <translation>销售数据（%1）：事件 %2 已隔离：%3</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="332"/>
        <source>the voucher ledger cannot be written (%1): %2 entries held in memory, retrying; the count on screen waits for them</source>
        <translation>订车券账本无法写入（%1）：%2 条记录暂存在内存中，正在重试；屏幕上的计数等它们写入后再更新</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="337"/>
        <source>the voucher ledger is written again: every held entry is committed (fault lasted %1 s)</source>
        <translation>订车券账本已恢复写入：暂存的记录均已提交（故障持续 %1 秒）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="342"/>
        <source>the system clock is %1 s off the show&apos;s own time (it was changed since the last run); countdowns, freshness and counts keep the show&apos;s time</source>
        <translation>系统时钟与节目自身时间相差 %1 秒（上次运行后被改过）；倒计时、数据新鲜度和计数仍按节目时间</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="347"/>
        <source>the system clock was stepped by %1 s; countdowns, freshness and counts keep the show&apos;s own time</source>
        <translation>系统时钟被调动了 %1 秒；倒计时、数据新鲜度和计数仍按节目自身时间</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="352"/>
        <source>OBS switched to the scene collection “%1”; the cue on air is sent again</source>
        <translation>OBS 切换到了场景集合“%1”；正在重新发送当前提示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="355"/>
        <source>clip of %1 not made: %2</source>
        <translation>%1 的片段未生成：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="356"/>
        <source>OBS re-sync corrected %1</source>
        <translation>OBS 重新同步时纠正了 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="357"/>
        <source>OBS re-sync could not restore %1</source>
        <translation>OBS 重新同步时无法恢复 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="360"/>
        <source>the festival board: the ledger cannot be sent now (%1); retrying</source>
        <translation>购物节看板：账本暂时无法发送（%1），正在重试</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="363"/>
        <source>sales stream: event %1 quarantined: %2</source>
        <translation>销售推送流：事件 %1 已隔离：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="366"/>
        <source>graphic “%1” could not be drawn (%2); the cue goes on without it</source>
        <translation>图文“%1”无法绘制（%2）；提示将不带它继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="369"/>
        <source>SAFE&apos;s slate could not be drawn (%1); the standby scene shows without it</source>
        <translation>安全键的垫片无法绘制（%1）；待机场景将不带垫片显示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="372"/>
        <source>the show file %1 could not be saved: %2</source>
        <translation>节目文件 %1 无法保存：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="375"/>
        <source>the show file cannot be read to check for changes: %1</source>
        <translation>无法读取节目文件以检查改动：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="378"/>
        <source>comment %1 ignored: %2</source>
        <translation>评论 %1 已忽略：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="379"/>
        <source>not JSON</source>
        <translation>不是 JSON</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="380"/>
        <source>no text</source>
        <translation>没有文字</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="381"/>
        <source>not valid Unicode</source>
        <translation>不是有效的 Unicode</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="382"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="383"/>
        <source>the ledger&apos;s snapshot is not usable (%1); replaying it all</source>
        <translation>账本快照不可用（%1）；正在重放全部记录</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="386"/>
        <source>the ledger&apos;s snapshot does not match the entries it summarises; replaying them all</source>
        <translation>账本快照与其汇总的记录不一致；正在重放全部记录</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="390"/>
        <source>replaying %1 ledger entries in the background: the count is shown as catching up until it is whole</source>
        <translation>正在后台重放 %1 条账本记录：完整之前计数显示为“正在追赶”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="395"/>
        <source>ledger entry quarantined: %1: %2</source>
        <translation>账本记录已隔离：%1：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="398"/>
        <source>stream alarm: %1</source>
        <translation>直播告警：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="399"/>
        <source>stream alarm cleared after %2: %1</source>
        <translation>直播告警已解除（持续 %2）：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="402"/>
        <source>stream alarm cleared after %2 (%3): %1</source>
        <translation>直播告警已解除（持续 %2，%3）：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="406"/>
        <source>OBS: %1</source>
        <translation>OBS：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="461"/>
        <source>off air: “%1” on program, %2 microphone(s) muted, every graphic off</source>
        <translation>已离播：节目画面为“%1”，%2 个麦克风已静音，图文全部下屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="464"/>
        <source>back on air after %1 off air (SAFE by %2): “%3” on program, %4 graphic(s) and %6 microphone(s) as before</source>
        <translation>离播 %1 后恢复播出（%2 按下安全键）：节目画面为“%3”，%4 个图文和 %6 个麦克风恢复原状</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="469"/>
        <source>%1 — %2</source>
        <translation>%1 —— %2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="470"/>
        <source>already %1</source>
        <translation>已在%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="471"/>
        <source>not %1</source>
        <translation>未在%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="472"/>
        <source>%1 started</source>
        <translation>%1已开始</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="473"/>
        <source>%1 stopped</source>
        <translation>%1已停止</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="500"/>
        <source>“%1” should be a %3 source but is %4</source>
        <translation>“%1”应为%3源，实际为 %4</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="514"/>
        <source>“%1” is a %2, not a %3 source: %4</source>
        <translation>“%1”是 %2，不是%3源：%4</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="518"/>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="519"/>
        <source>putting the slate under the graphics: %1</source>
        <translation>把垫片放到图文下层：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="532"/>
        <source>%1 from %2 refused: %3</source>
        <translation>来自%2的“%1”被拒绝：%3</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="533"/>
        <source>%1 from %2 failed</source>
        <translation>来自%2的“%1”失败</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="539"/>
        <source>graphic %1 not updated (%2): what is on air stays as it was; run pre-flight, or give the source its name back in OBS</source>
        <translation>图文 %1 未更新（%2）：播出中的内容保持原样；请运行播前检查，或在 OBS 中把源的名称改回来</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="564"/>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="565"/>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="566"/>
        <source>reconnecting</source>
        <translation>正在重连</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="567"/>
        <source>password refused</source>
        <translation>密码被拒绝</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="568"/>
        <source>disconnected by OBS</source>
        <translation>被 OBS 断开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="569"/>
        <source>incompatible</source>
        <translation>版本不兼容</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="581"/>
        <source>the console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="582"/>
        <source>a shortcut key</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="583"/>
        <source>the run sheet</source>
        <translation>节目单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="584"/>
        <source>the stream watch</source>
        <translation>推流监测</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="668"/>
        <source>the control API %1</source>
        <translation>控制接口 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="586"/>
        <source>GO</source>
        <translation>GO</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="587"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="588"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="589"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="590"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="591"/>
        <source>add time</source>
        <translation>加时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="592"/>
        <source>Prepare in preview</source>
        <translation>在预览中预备</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="593"/>
        <source>Take</source>
        <translation>切出</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="594"/>
        <source>a graphic</source>
        <translation>图形</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="595"/>
        <source>the caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="596"/>
        <source>Clear graphics</source>
        <translation>清除图形</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="597"/>
        <source>SAFE</source>
        <translation>安全离播</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="418"/>
        <source>off air (SAFE is on): press Back on air first</source>
        <translation>已安全离播：请先按“回到直播”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="451"/>
        <source>already off air (SAFE)</source>
        <translation>已处于安全离播状态</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="452"/>
        <source>already on air</source>
        <translation>已在直播中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="474"/>
        <source>a segment is on air: stopping %1 needs a confirmation</source>
        <translation>环节正在播出：停止%1需要确认</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="477"/>
        <source>OBS&apos;s replay buffer is off: turn it on in OBS (Settings → Output → Replay Buffer) for clips</source>
        <translation>OBS 的回放缓存未开启：请在 OBS 中开启（设置 → 输出 → 回放缓存）才能剪片段</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="482"/>
        <source>OBS&apos;s replay buffer is not running: start it for clips</source>
        <translation>OBS 的回放缓存没有运行：请先启动它才能剪片段</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="485"/>
        <source>clip of %1: ready in about %2 s</source>
        <translation>%1 的片段：约 %2 秒后生成</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="486"/>
        <source>OBS did not save: %1</source>
        <translation>OBS 没有保存：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="487"/>
        <source>ffmpeg could not cut the clip: %1</source>
        <translation>ffmpeg 无法剪出片段：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="607"/>
        <source>streaming</source>
        <translation>推流</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="608"/>
        <source>recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="445"/>
        <source>OBS is not streaming: nothing reaches viewers until it is</source>
        <translation>OBS 没有推流：在开始推流之前观众什么也看不到</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="448"/>
        <source>OBS is not recording: the show keeps no recording of its own</source>
        <translation>OBS 没有录制：本场节目不会留下自己的录像</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="453"/>
        <source>no microphone “%1” in OBS: not muted</source>
        <translation>OBS 中没有麦克风“%1”：未静音</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="456"/>
        <source>OBS has no standby scene “%1” with the slate: run pre-flight; the picture stays on program</source>
        <translation>OBS 中没有带待机画面的场景“%1”：请运行播前检查；画面仍停留在节目输出</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="506"/>
        <source>SAFE cannot mute “%1”: OBS has no input of that name</source>
        <translation>安全离播无法静音“%1”：OBS 中没有这个输入源</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="598"/>
        <source>a message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="599"/>
        <source>a correction</source>
        <translation>修正</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="600"/>
        <source>pre-flight</source>
        <translation>开播检查</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="601"/>
        <source>re-applying the cue</source>
        <translation>重新发送提示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="602"/>
        <source>a run sheet edit</source>
        <translation>节目单编辑</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="534"/>
        <source>milestone reached: %1 vouchers</source>
        <translation>达到里程碑：%1 张</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="544"/>
        <source>cue %1: %2</source>
        <translation>提示 %1：%2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="536"/>
        <source>graphic %1 is updated again</source>
        <translation>图形 %1 已恢复更新</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="545"/>
        <source>pre-flight: %1</source>
        <translation>开播检查：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="546"/>
        <source>the show file is saved again</source>
        <translation>节目文件已重新保存</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="549"/>
        <source>the show file changed on disk: your edits were kept on top</source>
        <translation>节目文件在磁盘上被修改：已合并，你的修改保留在最新版本上</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="552"/>
        <source>the show file changed on disk: reloaded</source>
        <translation>节目文件在磁盘上被修改：已重新载入</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="535"/>
        <source>the sales feed is flagged: %1</source>
        <translation>销售数据源异常：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="69"/>
        <source>sales feed (%1) %2: %3</source>
        <translation>销售数据源（%1）%2：%3</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="604"/>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="605"/>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="606"/>
        <source>colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="428"/>
        <source>OBS control is off</source>
        <translation>未启用 OBS 控制</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="441"/>
        <source>OBS has no program scene yet</source>
        <translation>OBS 还没有节目场景</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="427"/>
        <source>OBS is not in studio mode</source>
        <translation>OBS 不在工作室模式</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="429"/>
        <source>a correction needs a reason</source>
        <translation>修正需要填写原因</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="421"/>
        <source>a run sheet needs at least one segment</source>
        <translation>节目单至少需要一个环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="415"/>
        <source>no cue is owed for the segment on air</source>
        <translation>当前环节没有待补发的提示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="410"/>
        <source>the show has ended</source>
        <translation>节目已结束</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="407"/>
        <source>the show has ended: there is no next segment</source>
        <translation>节目已结束：没有下一个环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="411"/>
        <source>the show has not started</source>
        <translation>节目尚未开始</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="414"/>
        <source>the show is not on air</source>
        <translation>节目未在播出</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="413"/>
        <source>the show is not paused</source>
        <translation>节目未暂停</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="412"/>
        <source>the show is not running</source>
        <translation>节目未在进行</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="424"/>
        <source>there is no next segment to prepare</source>
        <translation>没有可预备的下一个环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="435"/>
        <source>this show has no caption overlay</source>
        <translation>本节目没有字幕图层</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="430"/>
        <source>the count is being rebuilt from the ledger (%1 of %2 entries read): correct it once it is whole</source>
        <translation>正在从账本重建销量（已读 %2 条中的 %1 条）：请在销量完整后再修正</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="438"/>
        <source>the caption would take %1 off air during a sale: take it off first</source>
        <translation>字幕会在售卖中把 %1 撤下：请先撤下它</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="442"/>
        <source>this show has no milestone overlay</source>
        <translation>本节目没有里程碑图层</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="495"/>
        <source>scene “%1” is missing</source>
        <translation>缺少场景“%1”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="496"/>
        <source>%1 source “%2” is missing</source>
        <translation>缺少%1源“%2”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="488"/>
        <source>“%1” is not in scene “%2” (run pre-flight)</source>
        <translation>“%1”不在场景“%2”中（请运行开播检查）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="499"/>
        <source>“%1” is not in scene “%2”</source>
        <translation>“%1”不在场景“%2”中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="503"/>
        <source>“%1” fades but has no fade filter</source>
        <translation>“%1”需要淡入淡出但缺少淡化滤镜</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="509"/>
        <source>scene “%1”</source>
        <translation>场景“%1”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="510"/>
        <source>%1 source “%2” (%3) in “%4”</source>
        <translation>“%4”中的%1源“%2”（%3）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="511"/>
        <source>“%1” placed in “%2”</source>
        <translation>“%1”已放入“%2”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="512"/>
        <source>fade filter on “%1”</source>
        <translation>“%1”的淡化滤镜</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="513"/>
        <source>“%1” (%2) renamed to “%3”</source>
        <translation>“%1”（%2）已改名为“%3”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="522"/>
        <source>placing “%1” in “%2”: %3</source>
        <translation>在“%2”中放置“%1”：%3</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="491"/>
        <source>OBS refused %1 (%2): %3</source>
        <translation>OBS 拒绝了 %1（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="525"/>
        <source>the hub refused the show&apos;s token (HTTP %1)</source>
        <translation>中枢拒绝了本场的令牌（HTTP %1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="528"/>
        <source>the hub answered HTTP %1</source>
        <translation>中枢返回 HTTP %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="529"/>
        <source>the hub&apos;s answer is not understood (%1)</source>
        <translation>无法读懂中枢的回复（%1）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="492"/>
        <source>a graphic could not be drawn: %1</source>
        <translation>无法绘制图形：%1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="578"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="579"/>
        <source>token refused</source>
        <translation>令牌被拒绝</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="571"/>
        <source>polled count</source>
        <translation>轮询计数</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/reasons.py" line="572"/>
        <source>sales stream</source>
        <translation>销售推送流</translation>
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
        <location filename="../../hostconsole/ui/console.py" line="91"/>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="95"/>
        <source>90s, 5m or 1:30</source>
        <translation>如 90s、5m 或 1:30</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="98"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="99"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="100"/>
        <source>OBS scene</source>
        <translation>OBS 场景</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/console.py" line="101"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="39"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="51"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="80"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="94"/>
        <source>unchanged (stored in the system keyring)</source>
        <translation>不修改（保存在系统钥匙串中）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="52"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="282"/>
        <source>OBS address</source>
        <translation>OBS 地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="53"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="184"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="54"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="55"/>
        <source>OBS</source>
        <translation>OBS</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="61"/>
        <source>None (manual only)</source>
        <translation>无（仅手动）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="62"/>
        <source>Poll a JSON total</source>
        <translation>轮询 JSON 总数</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="63"/>
        <source>Server-Sent Events stream</source>
        <translation>SSE 实时推送</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="64"/>
        <source>Stream, with polling as backup</source>
        <translation>实时推送，轮询备用</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="71"/>
        <source>optional: viewers&apos; comments (SSE)</source>
        <translation>可选：观众评论（SSE）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="76"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="290"/>
        <source>Verify TLS certificates</source>
        <translation>验证 TLS 证书</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="81"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="284"/>
        <source>Feed</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="82"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="285"/>
        <source>Poll URL</source>
        <translation>轮询地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="83"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="289"/>
        <source>JSON pointer</source>
        <translation>JSON 指针</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="84"/>
        <source>Interval (s)</source>
        <translation>间隔（秒）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="85"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="286"/>
        <source>Stream URL</source>
        <translation>推送地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="86"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="287"/>
        <source>Comments URL</source>
        <translation>评论地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="87"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="185"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="90"/>
        <source>optional: the festival board&apos;s hub (not needed when the stream is the hub&apos;s)</source>
        <translation>可选：直播节大屏所用的中枢地址（销售流来自中枢时无需填写）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="95"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="288"/>
        <source>Hub URL</source>
        <translation>中枢地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="96"/>
        <source>Hub token</source>
        <translation>中枢令牌</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="98"/>
        <source>Sales feed</source>
        <translation>销售数据</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="104"/>
        <source>from the show file</source>
        <translation>使用节目文件中的设置</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="111"/>
        <source>from the show file, e.g. 10, 20, 30</source>
        <translation>使用节目文件中的设置，例如 10, 20, 30</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="112"/>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="114"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="113"/>
        <source>Milestones</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="119"/>
        <source>In a window</source>
        <translation>窗口显示</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="123"/>
        <source>Full screen on %1</source>
        <translation>全屏显示于 %1</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="131"/>
        <source>Mirror (for a prompter glass)</source>
        <translation>镜像（用于提词器玻璃）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="135"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="141"/>
        <source>Presenter screen</source>
        <translation>主持人屏幕</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="143"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="144"/>
        <source>Presenter &amp; language</source>
        <translation>主持人与语言</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="150"/>
        <source>GO</source>
        <translation>开始 GO</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="151"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="152"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="153"/>
        <source>Take</source>
        <translation>切换上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="154"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="155"/>
        <source>+1 min</source>
        <translation>+1 分钟</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="156"/>
        <source>Clear all graphics</source>
        <translation>清除全部图文</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="157"/>
        <source>SAFE / Back on air</source>
        <translation>安全离播 / 回到直播</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="164"/>
        <source>Shortcuts do nothing while you type in a text field.</source>
        <translation>在文本框中输入时，快捷键不起作用。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="165"/>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="171"/>
        <source>127.0.0.1: this computer only; 0.0.0.0: tablets and Companion too</source>
        <translation>127.0.0.1：仅本机；0.0.0.0：平板和 Companion 也可访问</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="175"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="180"/>
        <source>not shown (stored in the system keyring)</source>
        <translation>不显示（保存在系统钥匙串中）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="181"/>
        <source>Generate a new token and show it once</source>
        <translation>生成新令牌并显示一次</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="183"/>
        <source>Interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="189"/>
        <source>Away from 127.0.0.1 every request needs: Authorization: Bearer &lt;token&gt;</source>
        <translation>绑定到 127.0.0.1 以外时，每个请求都需要：Authorization: Bearer &lt;令牌&gt;</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="192"/>
        <source>Control API</source>
        <translation>控制接口</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="221"/>
        <source>The new token works now; the previous one no longer does.</source>
        <translation>新令牌已立即生效，旧令牌已失效。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="234"/>
        <source>Milestones must be whole numbers separated by commas.</source>
        <translation>里程碑必须是以逗号分隔的整数。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="238"/>
        <source>Milestones must be above zero.</source>
        <translation>里程碑必须大于零。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="262"/>
        <source>Two actions cannot share one shortcut.</source>
        <translation>两个操作不能使用同一个快捷键。</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="283"/>
        <source>OBS port</source>
        <translation>OBS 端口</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="291"/>
        <source>Control API interface</source>
        <translation>控制接口地址</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/settings_dialog.py" line="292"/>
        <source>Control API port</source>
        <translation>控制接口端口</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="48"/>
        <source>OBS control off</source>
        <translation>OBS 控制已关闭</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="53"/>
        <source>OBS connected</source>
        <translation>OBS 已连接</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="56"/>
        <source>OBS not connected — retrying (attempt %1)</source>
        <translation>OBS 未连接 — 正在重试（第 %1 次）</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="60"/>
        <source>, next try in %1 s</source>
        <translation>，%1 秒后重试</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="65"/>
        <source>OBS disconnected</source>
        <translation>OBS 已断开</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="66"/>
        <source>Connecting to OBS…</source>
        <translation>正在连接 OBS…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="67"/>
        <source>OBS refused the password — enter it in Settings</source>
        <translation>OBS 拒绝了密码 — 请在设置中输入</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="70"/>
        <source>OBS disconnected this console — press Reconnect</source>
        <translation>OBS 断开了本控制台 — 请按“重新连接”</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="73"/>
        <source>OBS is too old: obs-websocket 5 is needed</source>
        <translation>OBS 版本过旧：需要 obs-websocket 5</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="268"/>
        <source>ledger damaged</source>
        <translation>账本损坏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="270"/>
        <source>not written</source>
        <translation>未写入账本</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="273"/>
        <source>manual only</source>
        <translation>仅手动</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="283"/>
        <source>offline: token refused</source>
        <translation>离线：令牌被拒绝</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="285"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="287"/>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="288"/>
        <source>stale %1 s</source>
        <translation>已 %1 秒未更新</translation>
    </message>
</context>
<context>
    <name>TalkingPointsPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="454"/>
        <source>Talking points</source>
        <translation>讲解要点</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="459"/>
        <source>Push to presenter</source>
        <translation>推送给主持人</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="460"/>
        <source>Caption on air</source>
        <translation>字幕上屏</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="461"/>
        <source>Caption off</source>
        <translation>撤下字幕</translation>
    </message>
</context>
<context>
    <name>VoucherPanel</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="335"/>
        <source>+ Add…</source>
        <translation>+ 增加…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="336"/>
        <source>− Remove…</source>
        <translation>− 减少…</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="354"/>
        <source>phone order</source>
        <translation>电话订单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="355"/>
        <source>miscount</source>
        <translation>计数错误</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="356"/>
        <source>test order</source>
        <translation>测试订单</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="357"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="362"/>
        <source>Correct the voucher count</source>
        <translation>修正券数</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="363"/>
        <source>Reason (required):</source>
        <translation>原因（必填）：</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="394"/>
        <source>%1 in 5 min · catching up</source>
        <translation>5 分钟内 %1 张 · 追赶中</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="396"/>
        <source>%1 in 5 min</source>
        <translation>5 分钟内 %1 张</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="401"/>
        <source>%1 refunded · net %2</source>
        <translation>已退款 %1 · 净 %2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="413"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="433"/>
        <source>festival board: reporting</source>
        <translation>直播节大屏：已同步</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="436"/>
        <source>festival board: sending %1 entries</source>
        <translation>直播节大屏：正在发送 %1 条记录</translation>
    </message>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="440"/>
        <source>festival board: hub not reachable (%1); %2 entries wait</source>
        <translation>直播节大屏：连不上中枢（%1）；%2 条记录待发送</translation>
    </message>
</context>
<context>
    <name>Vouchers</name>
    <message>
        <location filename="../../hostconsole/ui/panels.py" line="297"/>
        <source>catching up: reading the ledger (%1 %)</source>
        <translation>追赶中：正在读取账本（%1%）</translation>
    </message>
</context>
</TS>
