<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
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
    <name>examples</name>
    <message>
        <source>AND</source>
        <translation>AND（逻辑与）</translation>
    </message>
    <message>
        <source>One sigmoid neuron learns AND: it fires only when both inputs are 1. A single straight line separates it.</source>
        <translation>一个 sigmoid 神经元学习 AND：只有两个输入都为 1 时它才激活。一条直线就能把两类分开。</translation>
    </message>
    <message>
        <source>Handwritten digits, 8×8</source>
        <translation>手写数字（8×8）</translation>
    </message>
    <message>
        <source>The articles&apos; digit network at a size that trains in seconds: 64 pixels, two hidden layers of 16 sigmoid neurons, 10 softmax outputs, one per digit.</source>
        <translation>文章中的手写数字网络，缩小到几秒钟就能训练完：64 个像素，两个各有 16 个 sigmoid 神经元的隐藏层，10 个 softmax 输出，每个数字一个。</translation>
    </message>
    <message>
        <source>Going to the music festival</source>
        <translation>去不去音乐节</translation>
    </message>
    <message>
        <source>A perceptron decides: your favourite singer plays (weight 7), a friend comes along (weight 3), threshold 5 (bias -5). It goes for the singer alone, not for the friend alone. A step neuron cannot learn by gradient descent: change the weights and the bias by hand instead.</source>
        <translation>由一个感知器来做决定：你最喜欢的歌手来演出（权重 7），有朋友同去（权重 3），阈值为 5（偏置 -5）。只要歌手来演出就去，只有朋友同去则不去。阶跃神经元无法通过梯度下降学习：请改为手动调整权重和偏置。</translation>
    </message>
    <message>
        <source>MNIST: 784-16-16-10</source>
        <translation>MNIST：784-16-16-10</translation>
    </message>
    <message>
        <source>The network of the fourth article: 28×28 = 784 pixels, two hidden layers of 16, 10 outputs: 13,002 weights and biases. MNIST is not bundled: put its four files (train-… and t10k-…-ubyte.gz) in one folder and choose it with Locate data… in the Data dock. Fashion-MNIST&apos;s files work too.</source>
        <translation>第四篇文章中的网络：28×28 = 784 个像素，两个各有 16 个神经元的隐藏层，10 个输出，共 13,002 个权重和偏置。MNIST 没有随软件附带：把它的四个文件（train-…-ubyte.gz 和 t10k-…-ubyte.gz）放在同一个文件夹中，再在“数据”面板中用“定位数据…”选择这个文件夹。Fashion-MNIST 的文件同样可用。</translation>
    </message>
    <message>
        <source>OR</source>
        <translation>OR（逻辑或）</translation>
    </message>
    <message>
        <source>One sigmoid neuron learns OR: it fires when either input is 1. A single straight line separates it.</source>
        <translation>一个 sigmoid 神经元学习 OR：任一输入为 1 时它就激活。一条直线就能把两类分开。</translation>
    </message>
    <message>
        <source>TensorFlow Playground&apos;s first network</source>
        <translation>TensorFlow Playground 的第一个网络</translation>
    </message>
    <message>
        <source>Two inputs, hidden layers of 4 and 2 tanh neurons, learning rate 0.03, batch size 10, half of the circle data held out for testing: Playground&apos;s defaults. Watch the hidden neurons combine straight lines into a closed curve.</source>
        <translation>两个输入，隐藏层分别有 4 个和 2 个 tanh 神经元，学习率 0.03，批大小 10，圆形数据的一半留作测试：这些都是 Playground 的默认设置。观察隐藏神经元怎样把直线组合成一条闭合曲线。</translation>
    </message>
    <message>
        <source>Fitting a sine wave</source>
        <translation>拟合正弦波</translation>
    </message>
    <message>
        <source>Regression: the network learns y = sin(x) from 200 noisy points. A linear output neuron can give any value; the loss is the squared error.</source>
        <translation>回归：网络从 200 个带噪声的点学习 y = sin(x)。线性输出神经元可以给出任意值；损失是平方误差。</translation>
    </message>
    <message>
        <source>A single neuron</source>
        <translation>单个神经元</translation>
    </message>
    <message>
        <source>The neuron from the first article: inputs 1, 2, 3, 4, weights 0.2, 0.5, 0.9, 0.1 and bias 2 give z = 6.3 and sigmoid(z) = 0.99817. Click it to follow the arithmetic. Training moves it towards the target 1 only in tiny steps: the sigmoid is almost flat there, so its gradient nearly vanishes.</source>
        <translation>第一篇文章中的神经元：输入 1、2、3、4，权重 0.2、0.5、0.9、0.1，偏置 2，得到 z = 6.3，sigmoid(z) = 0.99817。点击它可以一步步查看计算过程。训练只能以极小的步子把它推向目标值 1：sigmoid 在那里几乎是平的，所以梯度几乎消失。</translation>
    </message>
    <message>
        <source>Two spirals</source>
        <translation>双螺旋</translation>
    </message>
    <message>
        <source>Two interleaved spiral arms need a deeper network: three hidden layers of 16 ReLU neurons, trained with Adam. Look for dead ReLUs that never light up.</source>
        <translation>两条交错的螺旋臂需要更深的网络：三个各有 16 个 ReLU 神经元的隐藏层，用 Adam 训练。留意那些从不亮起的死亡 ReLU。</translation>
    </message>
    <message>
        <source>XOR with 2 hidden neurons</source>
        <translation>XOR：2 个隐藏神经元</translation>
    </message>
    <message>
        <source>XOR is 1 when exactly one input is 1; no single line separates it, so it needs a hidden layer. Two hidden neurons are just enough.</source>
        <translation>恰好有一个输入为 1 时 XOR 才为 1；没有哪一条直线能把它分开，所以需要一个隐藏层。两个隐藏神经元刚好够用。</translation>
    </message>
    <message>
        <source>XOR with 4 hidden neurons</source>
        <translation>XOR：4 个隐藏神经元</translation>
    </message>
    <message>
        <source>XOR with four hidden neurons: more room than it needs, so it learns reliably from most starting weights.</source>
        <translation>有四个隐藏神经元的 XOR：容量比所需的更多，所以从大多数初始权重出发都能稳定地学会。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>ONNX export needs the onnx package: pip install onnx onnxruntime (nnsim&apos;s extra [export])</source>
        <translation>ONNX 导出需要 onnx 包：pip install onnx onnxruntime（nnsim 的可选依赖 [export]）</translation>
    </message>
</context>
<context>
    <name>export.layers</name>
    <message>
        <source>the network has only its input layer: add an output layer before exporting it</source>
        <translation>网络只有输入层：请先添加输出层再导出</translation>
    </message>
</context>
<context>
    <name>session.comparison</name>
    <message>
        <source>diverged at step {step}</source>
        <extracomment>History&apos;s metric columns, in the order the table and the CSV show them. Runs in one comparison, the current settings&apos; included. Seconds of training between two frames while playing.</extracomment>
        <translation>在第 {step} 步发散</translation>
    </message>
    <message>
        <source>compare 1 to {count} changed settings with the current ones</source>
        <translation>请选择 1 到 {count} 个改动后的设置与当前设置比较</translation>
    </message>
    <message>
        <source>there is no network and data to train yet</source>
        <translation>还没有可以训练的网络和数据</translation>
    </message>
    <message>
        <source>{run} is already one of the runs: choose another value</source>
        <translation>{run} 已经是其中一个训练记录：请选择另一个值</translation>
    </message>
</context>
<context>
    <name>session.core</name>
    <message>
        <source>the network is empty: add layers before saving</source>
        <extracomment>The event an installed state of each kind announces (others: params_changed).</extracomment>
        <translation>网络是空的：请先添加层再保存</translation>
    </message>
    <message>
        <source>drag an input layer and an output layer from the palette onto the canvas to build a network</source>
        <translation>从组件面板把一个输入层和一个输出层拖到画布上，搭建一个网络</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>session.lessonchecks</name>
    <message>
        <source>{what} is {value}; it must be below {target}</source>
        <extracomment>Gradients are compared on at most this many training rows (the probe&apos;s size). Checks that need no network open. What a comparison found and wanted, one sentence per operator (word order differs).</extracomment>
        <translation>{what}为 {value}，应小于 {target}</translation>
    </message>
    <message>
        <source>{what} is {value}; it must be at most {target}</source>
        <translation>{what}为 {value}，应不超过 {target}</translation>
    </message>
    <message>
        <source>{what} is {value}; it must be above {target}</source>
        <translation>{what}为 {value}，应大于 {target}</translation>
    </message>
    <message>
        <source>{what} is {value}; it must be at least {target}</source>
        <translation>{what}为 {value}，应至少为 {target}</translation>
    </message>
    <message>
        <source>{what} is {value}; it must be {target}</source>
        <translation>{what}为 {value}，应为 {target}</translation>
    </message>
    <message>
        <source>{what} is {value}; it must not be {target}</source>
        <translation>{what}为 {value}，不应为 {target}</translation>
    </message>
    <message>
        <source>{what} is {now}, as it was: it must be raised</source>
        <extracomment>A parameter that did not move as the step asked: (moved at all, direction wanted).</extracomment>
        <translation>{what}仍为 {now}，没有变：应把它调大</translation>
    </message>
    <message>
        <source>{what} is {now}, as it was: it must be lowered</source>
        <translation>{what}仍为 {now}，没有变：应把它调小</translation>
    </message>
    <message>
        <source>{what} is {now}, as it was: it must be changed</source>
        <translation>{what}仍为 {now}，没有变：应改变它</translation>
    </message>
    <message>
        <source>{what} went from {before} to {now}: it must be raised</source>
        <translation>{what}从 {before} 变成了 {now}：应把它调大</translation>
    </message>
    <message>
        <source>{what} went from {before} to {now}: it must be lowered</source>
        <translation>{what}从 {before} 变成了 {now}：应把它调小</translation>
    </message>
    <message>
        <source>learning rate</source>
        <extracomment>The training settings and metrics a check names, as a learner reads them.</extracomment>
        <translation>学习率</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>l1</source>
        <translation>L1 系数</translation>
    </message>
    <message>
        <source>l2</source>
        <translation>L2 系数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>forward</source>
        <extracomment>The walk-through&apos;s phases (``PHASES``) as a check names them.</extracomment>
        <translation>前向</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>open a network first</source>
        <translation>请先打开一个网络</translation>
    </message>
    <message>
        <source>the network has {count} weights and biases</source>
        <translation>网络共有 {count} 个权重和偏置</translation>
    </message>
    <message>
        <source>the network is {shape}</source>
        <translation>网络结构是 {shape}</translation>
    </message>
    <message>
        <source>that neuron&apos;s activation is {activation}</source>
        <translation>该神经元的激活函数是 {activation}</translation>
    </message>
    <message>
        <source>{setting} is not set</source>
        <translation>{setting}尚未设置</translation>
    </message>
    <message>
        <source>the weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>the bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>the network is not the one this step began with</source>
        <translation>网络已不是这一步开始时的那个网络</translation>
    </message>
    <message>
        <source>the output&apos;s z</source>
        <translation>输出的 z</translation>
    </message>
    <message>
        <source>the output&apos;s a</source>
        <translation>输出的 a</translation>
    </message>
    <message>
        <source>for inputs {inputs} the output fires</source>
        <translation>输入为 {inputs} 时，输出激发了</translation>
    </message>
    <message>
        <source>for inputs {inputs} the output does not fire</source>
        <translation>输入为 {inputs} 时，输出没有激发</translation>
    </message>
    <message>
        <source>there is no {what} yet</source>
        <translation>还没有{what}</translation>
    </message>
    <message>
        <source>the epochs trained</source>
        <translation>已训练的轮数</translation>
    </message>
    <message>
        <source>the dead neurons</source>
        <translation>死亡神经元的个数</translation>
    </message>
    <message>
        <source>the saturated neurons</source>
        <translation>饱和神经元的个数</translation>
    </message>
    <message>
        <source>there are no samples to judge the neurons on</source>
        <translation>没有可用来判断神经元的样本</translation>
    </message>
    <message>
        <source>the data does not fit the network</source>
        <translation>数据与网络不匹配</translation>
    </message>
    <message>
        <source>the last layer&apos;s gradient is 0: there is no ratio</source>
        <translation>最后一层的梯度为 0：无法求比值</translation>
    </message>
    <message>
        <source>the first layer&apos;s gradient over the last&apos;s</source>
        <translation>第一层梯度与最后一层梯度之比</translation>
    </message>
    <message>
        <source>not tried yet: {activations}</source>
        <translation>还没有试过：{activations}</translation>
    </message>
    <message>
        <source>not trained yet with {setting} {values}</source>
        <translation>还没有用{setting} {values} 训练过</translation>
    </message>
    <message>
        <source>select the neuron on the canvas (click it)</source>
        <translation>请在画布上选中该神经元（单击它）</translation>
    </message>
    <message>
        <source>the walk-through has not reached the {phase} pass</source>
        <translation>逐步演示还没有到达{phase}阶段</translation>
    </message>
    <message>
        <source>nothing is drawn on the digit pad</source>
        <translation>手写板上什么也没画</translation>
    </message>
    <message>
        <source>the network reads “{label}”</source>
        <translation>网络识别为“{label}”</translation>
    </message>
    <message>
        <source>answer the question first</source>
        <translation>请先回答问题</translation>
    </message>
    <message>
        <source>the network has no layer {layer}</source>
        <translation>网络没有层 {layer}</translation>
    </message>
    <message>
        <source>layer {layer} has no neuron {neuron}</source>
        <translation>层 {layer} 没有神经元 {neuron}</translation>
    </message>
    <message>
        <source>the network has no such weight</source>
        <translation>网络中没有这个权重</translation>
    </message>
    <message>
        <source>the check gives {count} inputs; the network has {size}</source>
        <translation>检查给出了 {count} 个输入，而网络有 {size} 个</translation>
    </message>
</context>
<context>
    <name>session.lessons</name>
    <message>
        <source>the lesson needs a network open here</source>
        <extracomment>Actions the session carries out; the others (docks, selection, walk-through, digit pad, opening an example) are the window&apos;s.</extracomment>
        <translation>这一步需要先打开一个网络</translation>
    </message>
    <message>
        <source>Change activation</source>
        <translation>更改激活函数</translation>
    </message>
    <message>
        <source>the network has no neuron {neuron} in layer {layer}</source>
        <translation>网络的层 {layer} 中没有神经元 {neuron}</translation>
    </message>
    <message>
        <source>the network has no such weight</source>
        <translation>网络中没有这个权重</translation>
    </message>
</context>
<context>
    <name>session.session</name>
    <message>
        <source>Rename neuron</source>
        <extracomment>Kinds of network edit, by what they change: ``structure`` the sizes (the optimiser&apos;s state cannot carry over), the others keep every array&apos;s shape.</extracomment>
        <translation>重命名神经元</translation>
    </message>
    <message>
        <source>Set weight {source} → {target}</source>
        <translation>设置权重 {source} → {target}</translation>
    </message>
    <message>
        <source>Set bias of {neuron}</source>
        <translation>设置 {neuron} 的偏置</translation>
    </message>
    <message>
        <source>the seed of the initial weights</source>
        <extracomment>Whether Reset (``reset_weights()`` without a seed) draws the same weights again from ``weights_seed`` rather than new ones from a new seed: a preference of the person at the keyboard, so it outlives the project and is not saved.</extracomment>
        <translation>初始权重的随机种子</translation>
    </message>
    <message>
        <source>Reset weights (seed {seed})</source>
        <translation>重置权重（随机种子 {seed}）</translation>
    </message>
    <message>
        <source>Back to epoch {epoch}</source>
        <translation>回到第 {epoch} 轮</translation>
    </message>
    <message>
        <source>Keep run {run}</source>
        <translation>保留训练记录 {run}</translation>
    </message>
    <message>
        <source>Change loss</source>
        <translation>更改损失函数</translation>
    </message>
    <message>
        <source>Change training settings</source>
        <translation>更改训练设置</translation>
    </message>
    <message>
        <source>the seed of the batch order</source>
        <translation>批次顺序的随机种子</translation>
    </message>
    <message>
        <source>Batch order seed {seed}</source>
        <translation>批次顺序随机种子 {seed}</translation>
    </message>
    <message>
        <source>Change data</source>
        <translation>更改数据</translation>
    </message>
    <message>
        <source>this network has no data set to locate</source>
        <translation>这个网络没有需要定位的数据集</translation>
    </message>
    <message>
        <source>Locate data</source>
        <translation>定位数据</translation>
    </message>
    <message>
        <source>Not undone: {reason}</source>
        <translation>未能撤销：{reason}</translation>
    </message>
</context>
<context>
    <name>session.state</name>
    <message>
        <source>the data cannot be read: {problem}. Use Locate data… to find it</source>
        <translation>无法读取数据：{problem}。请用“定位数据…”找到它</translation>
    </message>
    <message>
        <source>no training data: choose a data set in the Data dock</source>
        <translation>没有训练数据：请在“数据”面板中选择一个数据集</translation>
    </message>
</context>
<context>
    <name>session.timelinefile</name>
    <message>
        <source>not a timeline file (not an .npz archive)</source>
        <extracomment>Every optimiser state array a file may hold. The .npy header versions read (numpy writes 1.0, or 2.0 for very long headers). Room for the JSON besides the arrays, on top of the budget a file may fill.</extracomment>
        <translation>不是时间线文件（不是 .npz 压缩包）</translation>
    </message>
    <message>
        <source>is not part of a timeline file</source>
        <translation>不属于时间线文件</translation>
    </message>
    <message>
        <source>holds more than {count} bytes</source>
        <translation>超过了 {count} 字节</translation>
    </message>
    <message>
        <source>holds more than the timeline&apos;s budget of {count} bytes</source>
        <translation>超过了时间线 {count} 字节的容量上限</translation>
    </message>
    <message>
        <source>an .npy version nnsim does not read</source>
        <translation>nnsim 无法读取这个版本的 .npy</translation>
    </message>
    <message>
        <source>is not a numpy array: {problem}</source>
        <translation>不是 numpy 数组：{problem}</translation>
    </message>
    <message>
        <source>its header promises more data ({shape}, {dtype}) than it holds</source>
        <translation>文件头声明的数据（{shape}，{dtype}）比实际包含的多</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>must be {rows} × {columns} numbers, not {dtype} of shape {shape}</source>
        <translation>必须是 {rows} × {columns} 个数，而不是形状为 {shape} 的 {dtype}</translation>
    </message>
    <message>
        <source>holds a value that is not a finite number</source>
        <translation>含有一个不是有限数的值</translation>
    </message>
    <message>
        <source>is missing or is not UTF-8 bytes</source>
        <translation>缺失，或不是 UTF-8 字节</translation>
    </message>
    <message>
        <source>belong to another network than this file&apos;s</source>
        <translation>属于另一个网络，而不是这个文件的网络</translation>
    </message>
    <message>
        <source>the network was changed after this timeline was saved</source>
        <translation>保存这个时间线之后网络被改动过</translation>
    </message>
    <message>
        <source>is not an optimiser&apos;s state array (one of {names}, once)</source>
        <translation>不是优化器的状态数组（应为 {names} 之一，且只出现一次）</translation>
    </message>
    <message>
        <source>must be later than the checkpoint before it</source>
        <translation>必须晚于它前面的检查点</translation>
    </message>
</context>
<context>
    <name>session.variants</name>
    <message>
        <source>Momentum</source>
        <extracomment>Shown names (English, marked for translation: ``translate(&quot;session.variants&quot;, ...)`` where shown; ``Setting.choices`` does it).</extracomment>
        <translation>动量</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <source>Xavier uniform</source>
        <translation>Xavier 均匀分布</translation>
    </message>
    <message>
        <source>Xavier normal</source>
        <translation>Xavier 正态分布</translation>
    </message>
    <message>
        <source>He uniform</source>
        <translation>He 均匀分布</translation>
    </message>
    <message>
        <source>He normal</source>
        <translation>He 正态分布</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>{setting}: choose one of {choices}</source>
        <translation>{setting}：请从 {choices} 中选择一个</translation>
    </message>
    <message>
        <source>{setting} must be a whole number from {low} to {high}, not {value}</source>
        <translation>{setting}必须是 {low} 到 {high} 之间的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>{setting} must be a number from {low} to {high}, not {value}</source>
        <translation>{setting}必须是 {low} 到 {high} 之间的数，而不是 {value}</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>L2 regularisation</source>
        <translation>L2 正则化</translation>
    </message>
    <message>
        <source>L1 regularisation</source>
        <translation>L1 正则化</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Activation of a layer</source>
        <translation>某一层的激活函数</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Weight initialiser</source>
        <translation>权重初始化方法</translation>
    </message>
    <message>
        <source>init</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>Weight seed</source>
        <translation>权重随机种子</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>cannot vary {setting}: choose one of {settings}</source>
        <extracomment>Settings of ``TrainingConfig``; the others change the network.</extracomment>
        <translation>无法改变 {setting}：请从 {settings} 中选择一个</translation>
    </message>
    <message>
        <source>choose the layer whose activation changes</source>
        <translation>请选择要改变激活函数的层</translation>
    </message>
    <message>
        <source>the network has no layer {layer}</source>
        <translation>网络没有层 {layer}</translation>
    </message>
    <message>
        <source>{symbol} = none</source>
        <translation>{symbol} = 无</translation>
    </message>
</context>
<context>
    <name>simulator.activations</name>
    <message>
        <source>Step</source>
        <translation>阶跃</translation>
    </message>
    <message>
        <source>g(z) = 1 if z ≥ 0 else 0</source>
        <translation>z ≥ 0 时 g(z) = 1，否则 g(z) = 0</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>g(z) = z if z &gt; 0 else e^z − 1</source>
        <translation>z &gt; 0 时 g(z) = z，否则 g(z) = e^z − 1</translation>
    </message>
</context>
<context>
    <name>simulator.csvfile</name>
    <message>
        <source>not UTF-8 text</source>
        <extracomment>Characters in one CSV record (a line, or more when a quoted cell spans lines). Lines in a CSV file, blank ones included. Classes of a classification target. Characters in a class label (it names an output in plots, captions and tables). A target of whole numbers with at most this many distinct values is taken as classes.</extracomment>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>cannot be read as CSV text ({problem})</source>
        <translation>无法作为 CSV 文本读取（{problem}）</translation>
    </message>
    <message>
        <source>the line is longer than {limit} characters: is this a CSV file?</source>
        <translation>这一行超过 {limit} 个字符：这是 CSV 文件吗？</translation>
    </message>
    <message>
        <source>more than {limit} lines; nnsim reads CSV files of up to {limit} lines</source>
        <translation>超过 {limit} 行；nnsim 只读取最多 {limit} 行的 CSV 文件</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>a data file needs from 2 columns (inputs and the target) to {limit}; this line has {count}</source>
        <translation>数据文件需要 2 列（输入和目标值）到 {limit} 列；这一行有 {count} 列</translation>
    </message>
    <message>
        <source>no column {name}; the columns are: {columns}</source>
        <translation>没有列 {name}；现有的列：{columns}</translation>
    </message>
    <message>
        <source>no column {name}; the file has {count} columns, numbered 0 to {last}</source>
        <translation>没有列 {name}；文件有 {count} 列，编号为 0 到 {last}</translation>
    </message>
    <message>
        <source>{names}, … {count} more</source>
        <translation>{names}，……另有 {count} 个</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>column &quot;{name}&quot;</source>
        <translation>&quot;{name}&quot; 列</translation>
    </message>
    <message>
        <source>line {line}, column &quot;{name}&quot;</source>
        <translation>第 {line} 行，&quot;{name}&quot; 列</translation>
    </message>
    <message>
        <source>the cell is empty</source>
        <translation>单元格是空的</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} 不是有限的数</translation>
    </message>
    <message>
        <source>{count} values but the file has {columns} columns</source>
        <translation>有 {count} 个值，但文件有 {columns} 列</translation>
    </message>
    <message>
        <source>more than {limit} numbers; nnsim reads data sets of up to {limit}</source>
        <translation>超过 {limit} 个数；nnsim 读取的数据集最多 {limit} 个数</translation>
    </message>
    <message>
        <source>the file has a header row but no data rows</source>
        <translation>文件有表头行，但没有数据行</translation>
    </message>
    <message>
        <source>{label} is not one of the classes saved with this data set ({classes}); choose the file again to take its classes afresh</source>
        <translation>{label} 不在随这个数据集保存的类别中（{classes}）；请重新选择该文件，以重新读取它的类别</translation>
    </message>
    <message>
        <source>more than {limit} different class labels: is this the target column?</source>
        <translation>不同的类别标签超过 {limit} 个：这是目标列吗？</translation>
    </message>
    <message>
        <source>a class label of {count} characters; labels may have up to {limit}</source>
        <translation>类别标签有 {count} 个字符；标签最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>the class label {label} holds control characters</source>
        <translation>类别标签 {label} 含有控制字符</translation>
    </message>
    <message>
        <source>{count} classes; a classification target may have up to {limit}</source>
        <translation>有 {count} 个类别；分类目标最多 {limit} 个类别</translation>
    </message>
    <message>
        <source>{rows} rows of {count} classes need more than the {limit} numbers nnsim holds</source>
        <translation>{rows} 行、{count} 个类别所需的数超过 nnsim 能容纳的 {limit} 个</translation>
    </message>
    <message>
        <source>classes must be a list of 1 to {limit} class names, not {value}</source>
        <translation>classes 必须是含 1 到 {limit} 个类别名的列表，而不是 {value}</translation>
    </message>
    <message>
        <source>classes must be names as a CSV cell is read (not empty, no spaces around, numbers written like 3 or 0.5, printable, up to {limit} characters), not {value}</source>
        <translation>classes 中的名称必须与读取 CSV 单元格所得的一致（非空、两端无空格、数字写成 3 或 0.5 这样、可打印、最多 {limit} 个字符），而不是 {value}</translation>
    </message>
    <message>
        <source>classes: {name} appears twice</source>
        <translation>classes：{name} 出现了两次</translation>
    </message>
</context>
<context>
    <name>simulator.datafiles</name>
    <message>
        <source>the file has {size} bytes; nnsim reads data files of up to {limit} bytes</source>
        <extracomment>Files above this size are refused before they are read; .gz files may decompress to no more than this either. Columns of a CSV file; pixels of one IDX image. Numbers a data set may hold (inputs and targets): 512 MiB as float64. IDX magic numbers: 0x08 says unsigned bytes, the last byte the number of dimensions. IDX data is read in pieces of this many bytes, so that a header claiming more than the file holds costs no more memory than the file itself. What a damaged or unreadable file raises while it is read (beside InputError).</extracomment>
        <translation>文件有 {size} 字节；nnsim 只读取最多 {limit} 字节的数据文件</translation>
    </message>
    <message>
        <source>not a usable file name ({problem})</source>
        <translation>不是可用的文件名（{problem}）</translation>
    </message>
    <message>
        <source>this is {kind}, not a file: nnsim reads data only from regular files</source>
        <translation>这是{kind}，不是文件：nnsim 只从普通文件读取数据</translation>
    </message>
    <message>
        <source>more than {limit} bytes of data (decompressed); nnsim reads up to {limit}</source>
        <translation>数据（解压后）超过 {limit} 字节；nnsim 最多读取 {limit} 字节</translation>
    </message>
    <message>
        <source>damaged gzip data ({problem})</source>
        <translation>gzip 数据已损坏（{problem}）</translation>
    </message>
    <message>
        <source>magic number {found}, expected {magic} for IDX images</source>
        <translation>魔数为 {found}，IDX 图像应为 {magic}</translation>
    </message>
    <message>
        <source>magic number {found}, expected {magic} for IDX labels</source>
        <translation>魔数为 {found}，IDX 标签应为 {magic}</translation>
    </message>
    <message>
        <source>header</source>
        <translation>文件头</translation>
    </message>
    <message>
        <source>images of {size} pixels; nnsim reads images of 1 to {limit} pixels</source>
        <translation>图像为 {size} 像素；nnsim 读取 1 到 {limit} 像素的图像</translation>
    </message>
    <message>
        <source>{count} items of {size} values are more than the {limit} numbers nnsim reads; set a limit</source>
        <translation>{count} 项、每项 {size} 个值，超过 nnsim 能读取的 {limit} 个数；请设置数量上限</translation>
    </message>
    <message>
        <source>the file is truncated ({count} of {size} bytes)</source>
        <translation>文件不完整（只有 {size} 字节中的 {count} 字节）</translation>
    </message>
</context>
<context>
    <name>simulator.datafit</name>
    <message>
        <source>a network needs an input and an output layer to fit its data</source>
        <extracomment>What classification outputs, one per class, become.</extracomment>
        <translation>网络需要有输入层和输出层才能适配数据</translation>
    </message>
</context>
<context>
    <name>simulator.datalocate</name>
    <message>
        <source>the data set {name} is built in: there are no files to locate</source>
        <extracomment>MNIST&apos;s standard file names (Yann LeCun&apos;s site, Fashion-MNIST, Debian&apos;s packages), each found plain or gzipped: the training images and labels, then the test pair.</extracomment>
        <translation>数据集 {name} 是内置的：没有需要查找的文件</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} 或 {second}</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first}，以及 {second}</translation>
    </message>
    <message>
        <source>{folder}: no {files} in this folder</source>
        <translation>{folder}：此文件夹中没有 {files}</translation>
    </message>
</context>
<context>
    <name>simulator.dataset</name>
    <message>
        <source>task must be &apos;classification&apos; or &apos;regression&apos;, not {value}</source>
        <translation>task 必须是 &apos;classification&apos; 或 &apos;regression&apos;，而不是 {value}</translation>
    </message>
    <message>
        <source>{inputs} input rows but {targets} target rows</source>
        <translation>有 {inputs} 行输入，但有 {targets} 行目标值</translation>
    </message>
    <message>
        <source>{count} class names for {columns} target columns</source>
        <translation>{count} 个类别名对应 {columns} 个目标列</translation>
    </message>
    <message>
        <source>image shape {shape} does not hold {count} features</source>
        <translation>图像形状 {shape} 容纳不了 {count} 个特征</translation>
    </message>
    <message>
        <source>dataset {name}: {problem}</source>
        <translation>数据集 {name}：{problem}</translation>
    </message>
    <message>
        <source>dataset {name} is a regression data set: it has no classes</source>
        <translation>数据集 {name} 是回归数据集：它没有类别</translation>
    </message>
    <message>
        <source>the network has {outputs} but dataset {name} has {columns}: use {needed}</source>
        <translation>网络有 {outputs}，但数据集 {name} 有 {columns}：请使用 {needed}</translation>
    </message>
    <message>
        <source>the network has {outputs} but dataset {name} has {classes} classes: use {classes} outputs (softmax, with cross-entropy) or 1 output (sigmoid/tanh)</source>
        <translation>网络有 {outputs}，但数据集 {name} 有 {classes} 个类别：请使用 {classes} 个输出（softmax，配交叉熵）或 1 个输出（sigmoid/tanh）</translation>
    </message>
    <message>
        <source>the network has {outputs} but dataset {name} has {classes} classes: use {classes} outputs (softmax, with cross-entropy)</source>
        <translation>网络有 {outputs}，但数据集 {name} 有 {classes} 个类别：请使用 {classes} 个输出（softmax，配交叉熵）</translation>
    </message>
    <message>
        <source>the test fraction must be at least 0 and below 1, not {value}</source>
        <translation>测试集比例必须不小于 0 且小于 1，而不是 {value}</translation>
    </message>
    <message>
        <source>{count} output</source>
        <translation>{count} 个输出</translation>
    </message>
    <message>
        <source>{count} outputs</source>
        <translation>{count} 个输出</translation>
    </message>
    <message>
        <source>{count} target column</source>
        <translation>{count} 个目标列</translation>
    </message>
    <message>
        <source>{count} target columns</source>
        <translation>{count} 个目标列</translation>
    </message>
    <message>
        <source>cannot standardize on dataset {name}: it has no rows</source>
        <translation>无法在数据集 {name} 上标准化：它没有任何行</translation>
    </message>
</context>
<context>
    <name>simulator.datasets</name>
    <message>
        <source>dataset {name}: {key} must be an integer from {low} to {high}, not {value}</source>
        <translation>数据集 {name}：{key} 必须是 {low} 到 {high} 之间的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>dataset {name}: {key} must be a number from {low} to {high}, not {value}</source>
        <translation>数据集 {name}：{key} 必须是 {low} 到 {high} 之间的数，而不是 {value}</translation>
    </message>
    <message>
        <source>dataset {name} has no parameter {keys}; its parameters are: {names}</source>
        <translation>数据集 {name} 没有参数 {keys}；它的参数有：{names}</translation>
    </message>
    <message>
        <source>AND gate</source>
        <extracomment>Playground&apos;s sample counts: NUM_SAMPLES_CLASSIFY and NUM_SAMPLES_REGRESS. Built-in data sets by name, in menu order.</extracomment>
        <translation>与门（AND）</translation>
    </message>
    <message>
        <source>Logical AND of two 0/1 inputs: 4 rows.</source>
        <translation>两个 0/1 输入的逻辑与：共 4 行。</translation>
    </message>
    <message>
        <source>OR gate</source>
        <translation>或门（OR）</translation>
    </message>
    <message>
        <source>Logical OR of two 0/1 inputs: 4 rows.</source>
        <translation>两个 0/1 输入的逻辑或：共 4 行。</translation>
    </message>
    <message>
        <source>XOR gate</source>
        <translation>异或门（XOR）</translation>
    </message>
    <message>
        <source>Logical XOR of two 0/1 inputs: 4 rows no straight line can separate.</source>
        <translation>两个 0/1 输入的逻辑异或：共 4 行，没有一条直线能把它们分开。</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>Playground: a disc of +1 points inside a ring of -1 points.</source>
        <translation>Playground：一圈 -1 点围着一片 +1 点组成的圆盘。</translation>
    </message>
    <message>
        <source>Exclusive or (quadrants)</source>
        <translation>异或（象限）</translation>
    </message>
    <message>
        <source>Playground: +1 where x1 and x2 have the same sign, -1 elsewhere.</source>
        <translation>Playground：x1 与 x2 同号处为 +1，其余为 -1。</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>两团高斯分布</translation>
    </message>
    <message>
        <source>Playground: two Gaussian clouds around (2, 2) and (-2, -2); noise widens them until they overlap.</source>
        <translation>Playground：分别围绕 (2, 2) 和 (-2, -2) 的两团高斯点云；噪声使它们变宽，直至重叠。</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Playground: two interleaved spiral arms, +1 and -1.</source>
        <translation>Playground：两条交错的螺旋臂，分别为 +1 和 -1。</translation>
    </message>
    <message>
        <source>Plane (regression)</source>
        <translation>平面（回归）</translation>
    </message>
    <message>
        <source>Playground: the target rises linearly with x1 + x2, from -1.2 to 1.2.</source>
        <translation>Playground：目标值随 x1 + x2 线性上升，从 -1.2 到 1.2。</translation>
    </message>
    <message>
        <source>Multi Gaussian (regression)</source>
        <translation>多个高斯峰（回归）</translation>
    </message>
    <message>
        <source>Playground: six bumps of height +1 or -1 on a 3x2 grid.</source>
        <translation>Playground：3x2 网格上的六个高度为 +1 或 -1 的峰。</translation>
    </message>
    <message>
        <source>Sine (regression)</source>
        <translation>正弦（回归）</translation>
    </message>
    <message>
        <source>y = sin(x) for x in [-pi, pi]; noise is the std of Gaussian noise added to y.</source>
        <translation>y = sin(x)，x 取自 [-pi, pi]；噪声是加到 y 上的高斯噪声的标准差。</translation>
    </message>
    <message>
        <source>Digits 8x8</source>
        <translation>手写数字 8x8</translation>
    </message>
    <message>
        <source>1,797 handwritten digits 0-9 as 8x8 images (UCI, via scikit-learn).</source>
        <translation>1,797 个手写数字 0-9，每个是一幅 8x8 图像（UCI，取自 scikit-learn）。</translation>
    </message>
    <message>
        <source>task must be &apos;classification&apos;, &apos;regression&apos; or None, not {value}</source>
        <translation>task 必须是 &apos;classification&apos;、&apos;regression&apos; 或 None，而不是 {value}</translation>
    </message>
    <message>
        <source>class names are for classification, not regression</source>
        <translation>类别名用于分类，不能用于回归</translation>
    </message>
    <message>
        <source>limit must be None or a non-negative integer, not {value}</source>
        <translation>limit 必须是 None 或非负整数，而不是 {value}</translation>
    </message>
    <message>
        <source>holds {images} images but {file} holds {labels} labels</source>
        <translation>含有 {images} 幅图像，但 {file} 含有 {labels} 个标签</translation>
    </message>
</context>
<context>
    <name>simulator.editing</name>
    <message>
        <source>layer {layer} has only this neuron; a layer cannot be empty</source>
        <extracomment>The loss an appended output layer falls back to when the old loss cannot pair with it.</extracomment>
        <translation>第 {layer} 层只有这一个神经元；层不能为空</translation>
    </message>
    <message>
        <source>a layer needs at least one neuron, not {size}</source>
        <translation>一层至少要有一个神经元，不能是 {size} 个</translation>
    </message>
    <message>
        <source>there is no layer after layer {layer} to connect to</source>
        <translation>第 {layer} 层之后没有可以连接的层</translation>
    </message>
    <message>
        <source>a neuron&apos;s name cannot be empty</source>
        <translation>神经元的名称不能为空</translation>
    </message>
    <message>
        <source>a neuron&apos;s name can have at most {limit} characters, not {count}</source>
        <translation>神经元的名称最多 {limit} 个字符，这里有 {count} 个</translation>
    </message>
    <message>
        <source>a layer can be inserted at positions 1 to {last}, not {index}</source>
        <translation>层只能插入在位置 1 到 {last}，不能是 {index}</translation>
    </message>
    <message>
        <source>{activation} is for the output layer only</source>
        <translation>{activation} 只能用于输出层</translation>
    </message>
    <message>
        <source>the output layer uses {activation}, which only works as the output layer; change it before adding a layer after it</source>
        <translation>输出层使用的是 {activation}，它只能用于输出层；请先更换激活函数，再在其后添加层</translation>
    </message>
    <message>
        <source>this network has no hidden layer to remove</source>
        <translation>这个网络没有可以删除的隐藏层</translation>
    </message>
    <message>
        <source>only hidden layers (1 to {last}) can be removed; the input and output layers must stay</source>
        <translation>只能删除隐藏层（第 1 到第 {last} 层）；输入层和输出层必须保留</translation>
    </message>
    <message>
        <source>layer</source>
        <extracomment>What ``_position`` checks, as its message names it (marked for translation).</extracomment>
        <translation>层</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标位置</translation>
    </message>
    <message>
        <source>index</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>the network has layers 0 to {last}</source>
        <translation>网络的层编号为 0 到 {last}</translation>
    </message>
    <message>
        <source>layer {layer} has neurons 0 to {last}</source>
        <translation>第 {layer} 层的神经元编号为 0 到 {last}</translation>
    </message>
    <message>
        <source>use 0 to {last}</source>
        <translation>请使用 0 到 {last}</translation>
    </message>
    <message>
        <source>{what} {value} does not exist; {valid}</source>
        <translation>{what} {value} 不存在；{valid}</translation>
    </message>
</context>
<context>
    <name>simulator.evaluation</name>
    <message>
        <source>{inputs} input rows but {targets} target rows</source>
        <extracomment>Rows per forward pass, so that evaluating 60,000 MNIST images needs little memory.</extracomment>
        <translation>输入有 {inputs} 行，目标值却有 {targets} 行</translation>
    </message>
    <message>
        <source>the data set has no samples to evaluate</source>
        <translation>数据集中没有可供评估的样本</translation>
    </message>
</context>
<context>
    <name>simulator.fileformat</name>
    <message>
        <source>the file has {size} bytes; nnsim reads files of up to {limit} bytes</source>
        <extracomment>Files above this size are refused before they are read (a network at the parameter limit, with Adam&apos;s state, takes about 33 MB). Memory the parsing of one file may take, by ``jsonparse.parse_cost``&apos;s estimate. Characters of the title and of the description.</extracomment>
        <translation>文件有 {size} 字节；nnsim 只读取最多 {limit} 字节的文件</translation>
    </message>
    <message>
        <source>the data is nested too deeply</source>
        <translation>数据嵌套太深</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>数值类型（dtype）</translation>
    </message>
    <message>
        <source>initialisation</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>expected at most {limit} parameters, got {count}</source>
        <extracomment>More parameters or paths than any kind of data takes are refused before reading them.</extracomment>
        <translation>最多应有 {limit} 个参数，实际有 {count} 个</translation>
    </message>
    <message>
        <source>expected at most {limit} paths, got {count}</source>
        <translation>最多应有 {limit} 个路径，实际有 {count} 个</translation>
    </message>
    <message>
        <source>expected at most {limit} class names, got {count}</source>
        <translation>最多应有 {limit} 个类别名，实际有 {count} 个</translation>
    </message>
    <message>
        <source>expected a single value or a list of names, got {found}</source>
        <translation>应为单个值或名称列表，实际为{found}</translation>
    </message>
    <message>
        <source>cannot save: {problem}</source>
        <translation>无法保存：{problem}</translation>
    </message>
</context>
<context>
    <name>simulator.filesafe</name>
    <message>
        <source>a folder</source>
        <extracomment>A temporary older than this (by its last write) whose writer holds no lock on it was left by a save that died. Generous, for folders on network drives.</extracomment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a FIFO (named pipe)</source>
        <translation>FIFO（命名管道）</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>一个特殊文件</translation>
    </message>
    <message>
        <source>the file has more than {limit} bytes, nnsim&apos;s limit</source>
        <translation>文件超过 {limit} 字节，即 nnsim 的上限</translation>
    </message>
    <message>
        <source>cannot read the file: {problem}</source>
        <translation>无法读取文件：{problem}</translation>
    </message>
    <message>
        <source>this is {kind}, not a regular file</source>
        <translation>这是{kind}，不是普通文件</translation>
    </message>
    <message>
        <source>the file has {size} bytes; nnsim reads files of up to {limit} bytes</source>
        <translation>文件有 {size} 字节；nnsim 只读取最多 {limit} 字节的文件</translation>
    </message>
</context>
<context>
    <name>simulator.gradcheck</name>
    <message>
        <source>the network has only an input layer: there is nothing to check</source>
        <extracomment>Parameters checked per block&apos;s weights and per block&apos;s biases, at most: of a 784-128-64-10 network&apos;s 109,386 parameters, 210 (its output layer has 10 biases), two forward passes each. The nudge, relative to the parameter&apos;s size (at least this much in absolute terms): near float64&apos;s cube-root-of-epsilon optimum for central differences. A relative difference below this passes. Activations whose slope or curvature jumps at z = 0. Rounding noise of a loss evaluation, relative to the loss (several ulps of float64: a forward pass sums many rounded products).</extracomment>
        <translation>网络只有输入层：没有可检验的内容</translation>
    </message>
    <message>
        <source>{inputs} input rows and {targets} target rows: the check needs as many of each, at least one</source>
        <translation>输入有 {inputs} 行，目标值有 {targets} 行：检验需要两者行数相同，且至少一行</translation>
    </message>
</context>
<context>
    <name>simulator.history</name>
    <message>
        <source>first {scored} of {rows} rows</source>
        <translation>{rows} 行中的前 {scored} 行</translation>
    </message>
</context>
<context>
    <name>simulator.initializers</name>
    <message>
        <source>unknown weight initialisation {name}; choose one of: {valid}</source>
        <translation>未知的权重初始化方法 {name}；可选：{valid}</translation>
    </message>
    <message>
        <source>unknown bias initialisation {name}; choose one of: {valid}</source>
        <translation>未知的偏置初始化方法 {name}；可选：{valid}</translation>
    </message>
</context>
<context>
    <name>simulator.jsonfields</name>
    <message>
        <source>an object</source>
        <extracomment>The longest string a field may hold unless its reader allows more or less: the longest path Linux accepts, so a data file&apos;s path always fits. The longest key of a free-form object (a layout, a data set&apos;s parameters). Whole numbers beyond ±2**53 are refused unless a reader allows more: it is the largest every JSON reader (JavaScript&apos;s too) holds exactly, and no count or seed nnsim stores comes near it. How deeply free-form data (a canvas layout) may nest, and how many values it may hold (a layout with a position for each of 100,000 neurons holds about 300,000). Characters of an object key a field path shows.</extracomment>
        <translation>对象</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>the number {number} is out of range</source>
        <extracomment>Number literals with more characters than this are not converted: Python refuses integers over 4,300 digits, and converting long ones takes quadratic time.</extracomment>
        <translation>数 {number} 超出范围</translation>
    </message>
    <message>
        <source>reading it would take about {size} MB of memory, more than the limit of {limit} MB</source>
        <extracomment>Keyword arguments for ``json.loads`` that turn unusable number literals into :class:`BadNumber` instead of raising without naming the field.</extracomment>
        <translation>读取它大约需要 {size} MB 内存，超过了 {limit} MB 的上限</translation>
    </message>
    <message>
        <source>not UTF-8 text (byte {byte})</source>
        <translation>不是 UTF-8 文本（第 {byte} 字节）</translation>
    </message>
    <message>
        <source>not valid JSON: nested too deeply</source>
        <translation>不是有效的 JSON：嵌套太深</translation>
    </message>
    <message>
        <source>not valid JSON: {problem}</source>
        <translation>不是有效的 JSON：{problem}</translation>
    </message>
    <message>
        <source>the key {key} appears twice in one object</source>
        <translation>键 {key} 在同一个对象中出现了两次</translation>
    </message>
    <message>
        <source>an out-of-range number</source>
        <translation>超出范围的数</translation>
    </message>
    <message>
        <source>expected {expected}, got {found}</source>
        <translation>应为{expected}，实际为{found}</translation>
    </message>
    <message>
        <source>the field {name} is missing</source>
        <translation>缺少字段 {name}</translation>
    </message>
    <message>
        <source>unknown field {name}</source>
        <translation>未知字段 {name}</translation>
    </message>
    <message>
        <source>the key {key} is longer than {limit} characters</source>
        <translation>键 {key} 超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>expected at least {count} items, got {found}</source>
        <translation>至少应有 {count} 项，实际有 {found} 项</translation>
    </message>
    <message>
        <source>expected at most {count} items, got {found}</source>
        <translation>最多应有 {count} 项，实际有 {found} 项</translation>
    </message>
    <message>
        <source>expected {count} item, got {found}</source>
        <translation>应有 {count} 项，实际有 {found} 项</translation>
    </message>
    <message>
        <source>expected {count} items, got {found}</source>
        <translation>应有 {count} 项，实际有 {found} 项</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>unknown {what} {value}; choose one of: {choices}</source>
        <translation>未知的{what} {value}；可选：{choices}</translation>
    </message>
    <message>
        <source>at most {limit} characters are allowed, got {count}</source>
        <translation>最多允许 {limit} 个字符，实际有 {count} 个</translation>
    </message>
    <message>
        <source>the key has a lone surrogate ({code}) at character {position}, which cannot be saved as UTF-8</source>
        <translation>键的第 {position} 个字符是孤立的代理字符（{code}），无法保存为 UTF-8</translation>
    </message>
    <message>
        <source>the text has a lone surrogate ({code}) at character {position}, which cannot be saved as UTF-8</source>
        <translation>文本的第 {position} 个字符是孤立的代理字符（{code}），无法保存为 UTF-8</translation>
    </message>
    <message>
        <source>expected a whole number, got {value}</source>
        <translation>应为整数，实际为 {value}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>must be more than {bound}, got {value}</source>
        <translation>必须大于 {bound}，实际为 {value}</translation>
    </message>
    <message>
        <source>must be less than {bound}, got {value}</source>
        <translation>必须小于 {bound}，实际为 {value}</translation>
    </message>
    <message>
        <source>the number is out of range</source>
        <translation>这个数超出范围</translation>
    </message>
    <message>
        <source>{value} is not allowed: numbers must be finite</source>
        <translation>不允许 {value}：数必须是有限的</translation>
    </message>
    <message>
        <source>must be at least {bound}, got {value}</source>
        <translation>必须不小于 {bound}，实际为 {value}</translation>
    </message>
    <message>
        <source>must be at most {bound}, got {value}</source>
        <translation>必须不大于 {bound}，实际为 {value}</translation>
    </message>
    <message>
        <source>an array of {count} number</source>
        <translation>含 {count} 个数字的数组</translation>
    </message>
    <message>
        <source>an array of {count} numbers</source>
        <translation>含 {count} 个数字的数组</translation>
    </message>
    <message>
        <source>expected {count} number, got {found}</source>
        <translation>应有 {count} 个数字，实际有 {found} 个</translation>
    </message>
    <message>
        <source>expected {count} numbers, got {found}</source>
        <translation>应有 {count} 个数字，实际有 {found} 个</translation>
    </message>
    <message>
        <source>{rows}×{columns} numbers</source>
        <translation>一个 {rows}×{columns} 的数字数组</translation>
    </message>
    <message>
        <source>arrays of {columns} numbers</source>
        <translation>各含 {columns} 个数字的数组</translation>
    </message>
    <message>
        <source>expected {expected}, got {rows} rows</source>
        <translation>应为{expected}，实际为 {rows} 行</translation>
    </message>
    <message>
        <source>expected {expected}, got {rows}×{columns}</source>
        <translation>应为{expected}，实际为 {rows}×{columns}</translation>
    </message>
    <message>
        <source>more than {limit} values are allowed here</source>
        <translation>此处最多允许 {limit} 个值</translation>
    </message>
    <message>
        <source>nested more than {depth} levels deep</source>
        <translation>嵌套超过 {depth} 层</translation>
    </message>
    <message>
        <source>a JSON value</source>
        <translation>JSON 值</translation>
    </message>
</context>
<context>
    <name>simulator.lessonformat</name>
    <message>
        <source>the file has {size} bytes; nnsim reads lessons of up to {limit} bytes</source>
        <extracomment>A lesson is text: a long course fits in a few kilobytes. An id names the lesson&apos;s progress in the settings: short, letters, digits and &quot;-&quot;.</extracomment>
        <translation>文件有 {size} 字节；nnsim 只读取不超过 {limit} 字节的课程文件</translation>
    </message>
    <message>
        <source>the data is nested too deeply</source>
        <translation>数据嵌套太深</translation>
    </message>
    <message>
        <source>expected {format}: this is not an nnsim lesson</source>
        <translation>应为 {format}：这不是 nnsim 课程文件</translation>
    </message>
    <message>
        <source>use letters, digits and &apos;-&apos; only</source>
        <translation>只能使用字母、数字和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>a step with a question needs a check (&quot;answered&quot; at least)</source>
        <translation>带问题的步骤需要一个检查（至少是 &quot;answered&quot;）</translation>
    </message>
    <message>
        <source>a step with a check needs a task saying what to do</source>
        <translation>带检查的步骤需要一个说明要做什么的任务（task）</translation>
    </message>
    <message>
        <source>action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>checks may nest at most {depth} levels deep</source>
        <translation>检查最多只能嵌套 {depth} 层</translation>
    </message>
    <message>
        <source>a tolerance goes with the operators &quot;==&quot; and &quot;!=&quot; only</source>
        <translation>容差（tolerance）只能与运算符 &quot;==&quot; 和 &quot;!=&quot; 一起使用</translation>
    </message>
    <message>
        <source>unknown field {name} for {owner}; its fields are: {fields}</source>
        <translation>{owner} 没有字段 {name}；它的字段有：{fields}</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>control character {character} at character {position} on line {line}; texts hold printable characters and line breaks</source>
        <translation>第 {line} 行第 {position} 个字符是控制字符 {character}；文本只能包含可打印字符和换行</translation>
    </message>
    <message>
        <source>control character {character} at character {position}; texts hold printable characters</source>
        <translation>第 {position} 个字符是控制字符 {character}；文本只能包含可打印字符</translation>
    </message>
</context>
<context>
    <name>simulator.lessonvocab</name>
    <message>
        <source>activation</source>
        <extracomment>Comparisons a check may make. &quot;==&quot; and &quot;!=&quot; allow the check&apos;s ``tolerance``. Training settings a lesson may set or check (numbers only). The docks of the main window a lesson may bring forward. Controls a lesson may point at (the window draws a frame around it for a moment). The walk-through&apos;s phases, in the order a walk reaches them. Checks nested in all/any at most this deep, and at most this many in one. Inputs of one case of an output check, cases of a truth table.</extracomment>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>expected the inputs and then 1 (fires) or 0 (does not fire)</source>
        <translation>应先给出输入，再给出 1（激发）或 0（不激发）</translation>
    </message>
    <message>
        <source>expected {count} numbers, as in the first row</source>
        <translation>应有 {count} 个数，与第一行相同</translation>
    </message>
    <message>
        <source>operator</source>
        <extracomment>Readers of a word from a list; the word&apos;s name is translated in an error.</extracomment>
        <translation>运算符</translation>
    </message>
    <message>
        <source>dock</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>control</source>
        <translation>控件</translation>
    </message>
    <message>
        <source>training setting</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>阶段</translation>
    </message>
</context>
<context>
    <name>simulator.limits</name>
    <message>
        <source>{count} layers are more than nnsim&apos;s limit of {limit}</source>
        <extracomment>Weights and biases of one network (784-128-64-10 has 109,386): what one training step and one saved file cost grows with it. Neurons in all layers together (each has a name and a place on the canvas). Layers, the input layer included. Characters of a neuron&apos;s name.</extracomment>
        <translation>{count} 层超过了 nnsim 的上限 {limit} 层</translation>
    </message>
    <message>
        <source>{count} neurons are more than nnsim&apos;s limit of {limit}</source>
        <translation>{count} 个神经元超过了 nnsim 的上限 {limit} 个</translation>
    </message>
    <message>
        <source>{count} weights and biases are more than nnsim&apos;s limit of {limit}</source>
        <translation>{count} 个权重和偏置超过了 nnsim 的上限 {limit} 个</translation>
    </message>
    <message>
        <source>{what} must be a whole number from 0 to {limit}, not {value}</source>
        <extracomment>Learning rates η from LEARNING_RATE_MIN to LEARNING_RATE_MAX: beyond 100 any network diverges at once; below 1e-8 nothing moves within a float64&apos;s precision. Batch sizes up to this (0 is the whole training set; the largest CSV holds fewer rows). Epoch limits up to this (none is no limit): 14 hours of the digits network&apos;s fastest run. L1/L2 rates up to this: a larger one only makes the gradient overflow. Target losses up to this. Seeds of the initial weights and of the batch order, from 0 to this: the largest whole number a network file holds exactly (``jsonfields.MAX_INTEGER``), so the Training dock can show and take every seed a file holds. Reset draws a new seed below this: ten digits at most, easy to read and type again.</extracomment>
        <translation>{what}必须是 0 到 {limit} 之间的整数，而不是 {value}</translation>
    </message>
</context>
<context>
    <name>simulator.losses</name>
    <message>
        <source>a loss needs at least one sample</source>
        <translation>计算损失至少需要一个样本</translation>
    </message>
    <message>
        <source>{loss} needs a {needed} output layer, but the output layer uses {activation}</source>
        <translation>{loss}需要 {needed} 输出层，但输出层使用的是 {activation}</translation>
    </message>
    <message>
        <source>Squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
</context>
<context>
    <name>simulator.migrations</name>
    <message>
        <source>version 0 needs one activation, weight array and bias array per layer after the input</source>
        <translation>版本 0 要求输入层之后的每一层各有一个激活函数、一个权重数组和一个偏置数组</translation>
    </message>
    <message>
        <source>this version-1 velocity divided by the learning rate {rate} is too large for version 2</source>
        <extracomment>The learning rate of a version-1 file that names none (version 1&apos;s default).</extracomment>
        <translation>这个版本 1 的速度除以学习率 {rate} 后太大，版本 2 无法保存</translation>
    </message>
    <message>
        <source>format (not an nnsim network file)</source>
        <extracomment>``MIGRATIONS[v]`` turns a version-v document into a version-(v+1) one.</extracomment>
        <translation>格式（不是 nnsim 网络文件）</translation>
    </message>
    <message>
        <source>the file is format version {version}, written by a newer nnsim; this one reads versions up to {latest}: please update nnsim</source>
        <translation>文件的格式版本是 {version}，由更新的 nnsim 写入；这个 nnsim 只能读取到版本 {latest}：请更新 nnsim</translation>
    </message>
</context>
<context>
    <name>simulator.network</name>
    <message>
        <source>a network needs at least an input layer, and every layer at least one neuron</source>
        <translation>网络至少需要一个输入层，并且每层至少要有一个神经元</translation>
    </message>
    <message>
        <source>{needed} activations needed (one per layer after the input), got {count}</source>
        <translation>需要 {needed} 个激活函数（输入层之后每层一个），实际给出 {count} 个</translation>
    </message>
    <message>
        <source>{activation} is for the output layer only</source>
        <translation>{activation} 只能用于输出层</translation>
    </message>
    <message>
        <source>there is no connection from neuron {i} of layer {block} to neuron {j} of layer {next}; add it first</source>
        <translation>第 {block} 层的神经元 {i} 与第 {next} 层的神经元 {j} 之间没有连接；请先添加连接</translation>
    </message>
    <message>
        <source>input neurons have no bias</source>
        <translation>输入神经元没有偏置</translation>
    </message>
    <message>
        <source>the input layer passes its inputs through unchanged</source>
        <translation>输入层把输入原样传递下去，没有激活函数</translation>
    </message>
    <message>
        <source>{activation} couples a whole layer; clear the per-neuron overrides of this layer first</source>
        <translation>{activation} 作用于整层；请先清除这一层中为单个神经元另设的激活函数</translation>
    </message>
    <message>
        <source>softmax applies to a whole output layer, not to single neurons</source>
        <translation>softmax 作用于整个输出层，不能用于单个神经元</translation>
    </message>
    <message>
        <source>{loss} needs every output neuron to use {activation}: it allows no per-neuron activation on the output layer</source>
        <translation>{loss}要求每个输出神经元都使用 {activation}：输出层不能为单个神经元另设激活函数</translation>
    </message>
    <message>
        <source>{inputs} input rows but {targets} target rows</source>
        <translation>输入有 {inputs} 行，目标值却有 {targets} 行</translation>
    </message>
    <message>
        <source>inputs</source>
        <extracomment>What ``as_batch`` may be given, as its message names it (marked for translation).</extracomment>
        <translation>输入</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>test inputs</source>
        <translation>测试输入</translation>
    </message>
    <message>
        <source>test targets</source>
        <translation>测试目标值</translation>
    </message>
    <message>
        <source>{what} must have {width} columns, got shape {shape}</source>
        <translation>{what}必须有 {width} 列，实际形状为 {shape}</translation>
    </message>
    <message>
        <source>Hidden {layer}</source>
        <translation>隐藏层 {layer}</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
</context>
<context>
    <name>simulator.networkfields</name>
    <message>
        <source>a removed connection must have weight 0</source>
        <extracomment>An override&apos;s key: a neuron number as nnsim writes it (&quot;0&quot;, &quot;12&quot;; never &quot;00&quot; or &quot;+1&quot;).</extracomment>
        <translation>已删除的连接的权重必须为 0</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>expected a neuron number from 0 to {last} as the key</source>
        <translation>键应为 0 到 {last} 之间的神经元编号</translation>
    </message>
</context>
<context>
    <name>simulator.optimizers</name>
    <message>
        <source>optimizer state {key} has {count} values, the network has {size} parameters</source>
        <extracomment>Bias corrections use at most this step count: β ** t is exactly 0.0 by then for any β &lt; 1 a float can hold, and a larger Python int would overflow converting to float.</extracomment>
        <translation>优化器状态 {key} 有 {count} 个值，而网络有 {size} 个参数</translation>
    </message>
</context>
<context>
    <name>simulator.project</name>
    <message>
        <source>{key} must be {expected}, not {value}</source>
        <translation>{key} 必须是{expected}，而不是 {value}</translation>
    </message>
    <message>
        <source>a column name or index</source>
        <extracomment>Data read from the user&apos;s files: how many paths each kind may take and, per parameter, a check that raises ValueError. MNIST&apos;s four are the training images and labels, then the test images and labels (its t10k files).</extracomment>
        <translation>列名或列号</translation>
    </message>
    <message>
        <source>&apos;classification&apos;, &apos;regression&apos; or null (guess)</source>
        <translation>以下之一：&apos;classification&apos;、&apos;regression&apos; 或 null（自动判断）</translation>
    </message>
    <message>
        <source>a whole number of at least 1, or null (all)</source>
        <translation>不小于 1 的整数，或 null（全部）</translation>
    </message>
    <message>
        <source>the test fraction must be at least 0 and below 1, not {value}</source>
        <extracomment>Class names a data summary spells out; the rest are counted.</extracomment>
        <translation>测试集比例必须不小于 0 且小于 1，而不是 {value}</translation>
    </message>
    <message>
        <source>the test set comes from its own files: the test fraction must be 0</source>
        <translation>测试集来自它自己的文件：测试集比例必须为 0</translation>
    </message>
    <message>
        <source>the split seed must be a whole number of at least 0, not {value}</source>
        <translation>划分随机种子必须是不小于 0 的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>unknown dataset {name}; choose a built-in one ({names}), &apos;csv&apos; or &apos;mnist&apos;</source>
        <translation>未知的数据集 {name}；请选择内置数据集（{names}）、&apos;csv&apos; 或 &apos;mnist&apos;</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} 或 {second}</translation>
    </message>
    <message>
        <source>dataset {name} takes {counts} file path(s), got {count}</source>
        <translation>数据集 {name} 需要 {counts} 个文件路径，实际有 {count} 个</translation>
    </message>
    <message>
        <source>dataset {name}: {problem}</source>
        <translation>数据集 {name}：{problem}</translation>
    </message>
    <message>
        <source>dataset {name}: classes are for classification, but the task is regression</source>
        <translation>数据集 {name}：classes 用于分类，但任务是回归</translation>
    </message>
    <message>
        <source>CSV file {path}</source>
        <translation>CSV 文件 {path}</translation>
    </message>
    <message>
        <source>built-in {name}</source>
        <translation>内置数据集 {name}</translation>
    </message>
    <message>
        <source>{data} ({settings})</source>
        <translation>{data}（{settings}）</translation>
    </message>
    <message>
        <source>{percent} held out for testing (split seed {seed})</source>
        <translation>留出 {percent} 用于测试（划分随机种子 {seed}）</translation>
    </message>
    <message>
        <source>no test set</source>
        <translation>无测试集</translation>
    </message>
    <message>
        <source>inputs standardized</source>
        <translation>输入已标准化</translation>
    </message>
    <message>
        <source>{description}; {more}</source>
        <translation>{description}；{more}</translation>
    </message>
    <message>
        <source>MNIST files {first} and {second}, test files {third} and {fourth}</source>
        <translation>MNIST 文件 {first} 和 {second}，测试文件 {third} 和 {fourth}</translation>
    </message>
    <message>
        <source>MNIST files {first} and {second}</source>
        <translation>MNIST 文件 {first} 和 {second}</translation>
    </message>
    <message>
        <source>{files} in {folder}</source>
        <translation>{files}，位于 {folder}</translation>
    </message>
    <message>
        <source>{file}: the test set has {inputs} inputs and {outputs} outputs, the training data {train_inputs} and {train_outputs}</source>
        <translation>{file}：测试集有 {inputs} 个输入、{outputs} 个输出，而训练数据有 {train_inputs} 个输入、{train_outputs} 个输出</translation>
    </message>
    <message>
        <source>{classes}, … {count} more</source>
        <translation>{classes}，……另有 {count} 个</translation>
    </message>
    <message>
        <source>classes {mapping}</source>
        <translation>类别 {mapping}</translation>
    </message>
    <message>
        <source>the network has no dataset to learn from</source>
        <translation>网络没有可供学习的数据集</translation>
    </message>
    <message>
        <source>the saved position in the epoch (row {row}) is beyond the {count} training rows</source>
        <translation>保存的本轮位置（第 {row} 行）超出了训练集的 {count} 行</translation>
    </message>
</context>
<context>
    <name>simulator.registry</name>
    <message>
        <source>activation</source>
        <extracomment>What a table holds, as the messages name it (``lookup``&apos;s ``what``), for translation.</extracomment>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>the {what} must be a name, one of: {valid}; not {name}</source>
        <translation>{what}必须是以下名称之一：{valid}；而不是 {name}</translation>
    </message>
    <message>
        <source>unknown {what} {name}; choose one of: {valid}</source>
        <translation>未知的{what} {name}；可选：{valid}</translation>
    </message>
</context>
<context>
    <name>simulator.safetext</name>
    <message>
        <source>{start}… ({count} characters)</source>
        <extracomment>Characters of a file name or path in a message. Characters of a whole message.</extracomment>
        <translation>{start}…（共 {count} 个字符）</translation>
    </message>
    <message>
        <source>a {count}-digit number</source>
        <translation>一个 {count} 位数</translation>
    </message>
    <message>
        <source>an object of {count} field</source>
        <translation>含 {count} 个字段的对象</translation>
    </message>
    <message>
        <source>an object of {count} fields</source>
        <translation>含 {count} 个字段的对象</translation>
    </message>
    <message>
        <source>an array of {count} item</source>
        <translation>含 {count} 项的数组</translation>
    </message>
    <message>
        <source>an array of {count} items</source>
        <translation>含 {count} 项的数组</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <extracomment>The reasons a file operation fails that users meet, in the C library&apos;s English words, translated: the system&apos;s own text is English whatever the interface&apos;s language.</extracomment>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>不允许此操作</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>文件名太长</translation>
    </message>
</context>
<context>
    <name>simulator.statefields</name>
    <message>
        <source>must be at least 1 in the middle of an epoch</source>
        <extracomment>A trainer state&apos;s keys besides the optimiser&apos;s.</extracomment>
        <translation>在一轮进行到中途时必须不小于 1</translation>
    </message>
    <message>
        <source>random generator</source>
        <translation>随机数生成器</translation>
    </message>
</context>
<context>
    <name>simulator.training</name>
    <message>
        <source>need matching, non-empty inputs and targets; got {inputs} and {targets} rows</source>
        <extracomment>At most this many training rows (the first) are scored at each epoch&apos;s end: it bounds the pause there. ``Metrics`` says when they are fewer than the training set.</extracomment>
        <translation>输入和目标值必须行数相同且不为空；实际为 {inputs} 行和 {targets} 行</translation>
    </message>
    <message>
        <source>the network has only an input layer: add an output layer (and hidden layers if you like) to train it</source>
        <extracomment>Called with the trainer at each epoch&apos;s end, on the thread that trains (the desktop app records moments of the run there).</extracomment>
        <translation>网络只有输入层：请先添加输出层（也可以再加隐藏层），然后再训练</translation>
    </message>
    <message>
        <source>layer {layers} uses the step activation, whose derivative is zero everywhere: backpropagation cannot change any weight through it. Choose sigmoid (a smooth step) to train, or set the weights by hand.</source>
        <translation>第 {layers} 层使用阶跃激活函数，它的导数处处为零：反向传播无法通过它改变任何权重。要训练，请改用 sigmoid（平滑的阶跃），或者手动设置权重。</translation>
    </message>
    <message>
        <source>reached {epochs} epochs</source>
        <translation>已达到 {epochs} 轮</translation>
    </message>
    <message>
        <source>loss {loss} ≤ target {target}</source>
        <translation>损失 {loss} ≤ 目标 {target}</translation>
    </message>
    <message>
        <source>step limit</source>
        <translation>达到步数上限</translation>
    </message>
</context>
<context>
    <name>simulator.trainingtypes</name>
    <message>
        <source>the loss</source>
        <extracomment>What may become NaN or infinite (``TrainingDiverged``&apos;s ``cause``).</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source>a weight, a bias or the optimiser&apos;s state</source>
        <translation>某个权重、偏置或优化器状态</translation>
    </message>
    <message>
        <source>training diverged at step {step} (epoch {epoch}): {cause} became NaN or infinite. The last weights with a finite loss were kept. Try a learning rate below {rate}, gradient clipping, or another initialisation.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮）发散：{cause}变成了 NaN 或无穷大。已保留损失仍为有限值时的最后一组权重。请尝试低于 {rate} 的学习率、梯度裁剪或其他初始化方法。</translation>
    </message>
</context>
<context>
    <name>simulator.updates</name>
    <message>
        <source>Gradient descent</source>
        <extracomment>How each optimiser&apos;s rule is titled (marked for translation; ``title`` translates).</extracomment>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>gradient descent</source>
        <extracomment>The same inside a sentence (&quot;the gradient descent step&quot;); ``rule`` translates.</extracomment>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>{rule} step at η = {rate}</source>
        <translation>{rule}的一步（η = {rate}）</translation>
    </message>
    <message>
        <source>clipping scales the whole gradient by {scale} (its norm is over {limit})</source>
        <translation>梯度裁剪把整个梯度乘以 {scale}（其范数超过了 {limit}）</translation>
    </message>
</context>
<context>
    <name>simulator.walkthrough</name>
    <message>
        <source>{layer}, {neuron}</source>
        <extracomment>Most terms of a sum, labels of a layer or connections a step writes out; the rest are counted (&quot;… 12 more&quot;).</extracomment>
        <translation>{layer}，{neuron}</translation>
    </message>
    <message>
        <source> + … ({count} more, together {sum})</source>
        <translation> + …（另有 {count} 项，合计 {sum}）</translation>
    </message>
    <message>
        <source>Forward · {where}</source>
        <translation>前向传播 · {where}</translation>
    </message>
    <message>
        <source>ŷ − y for {name}: {output} − {target} = {difference}</source>
        <translation>{name} 的 ŷ − y：{output} − {target} = {difference}</translation>
    </message>
    <message>
        <source>Error · {loss}</source>
        <translation>误差 · {loss}</translation>
    </message>
    <message>
        <source>{name}: dE/dz = {value} (softmax couples the outputs)</source>
        <translation>{name}: dE/dz = {value}（softmax 使各输出相互关联）</translation>
    </message>
    <message>
        <source>… {count} more neurons, smaller</source>
        <translation>… 另有 {count} 个神经元，数值更小</translation>
    </message>
    <message>
        <source>dE/dw = dE/dz (of the neuron fed) · a (of the neuron feeding)</source>
        <translation>dE/dw = dE/dz（接收端神经元的）· a（发送端神经元的）</translation>
    </message>
    <message>
        <source>Backward · {where}</source>
        <translation>反向传播 · {where}</translation>
    </message>
    <message>
        <source>Update · {title}</source>
        <translation>更新 · {title}</translation>
    </message>
    <message>
        <source>no connections into this layer</source>
        <translation>没有连接进入这一层</translation>
    </message>
    <message>
        <source>largest change: {source} → {target}</source>
        <translation>变化最大的连接：{source} → {target}</translation>
    </message>
    <message>
        <source>no weight into this layer moves for this sample (every g is 0); for {source} → {target}:</source>
        <translation>对这个样本，进入这一层的权重都不变（每个 g 都是 0）；以 {source} → {target} 为例：</translation>
    </message>
    <message>
        <source>Update · {title} · weights into {where}</source>
        <translation>更新 · {title} · 进入{where}的权重</translation>
    </message>
</context>
<context>
    <name>ui.activation_plot</name>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>gradient norm ‖dE/dW‖ per layer</source>
        <translation>各层梯度范数 ‖dE/dW‖</translation>
    </message>
    <message>
        <source>watched neurons: none (right-click a neuron, Watch activation)</source>
        <translation>观察的神经元：无（右键点击神经元，选择“观察激活值”）</translation>
    </message>
    <message>
        <source>mean activation over the probe batch</source>
        <translation>探测批上的平均激活值</translation>
    </message>
    <message>
        <source>dead: {bad}/{eligible}</source>
        <translation>死亡：{bad}/{eligible}</translation>
    </message>
    <message>
        <source>saturated: {bad}/{eligible}</source>
        <translation>饱和：{bad}/{eligible}</translation>
    </message>
</context>
<context>
    <name>ui.arithmetic</name>
    <message>
        <source>Forward</source>
        <extracomment>Rows a sum shows before it folds the smallest terms into one line (MNIST has 784). dE/da of the losses other than squared error (whose a − y is written out with numbers).</extracomment>
        <translation>前向</translation>
    </message>
    <message>
        <source>its share of z of {target} = {z}</source>
        <translation>它在 {target} 的 z 中所占的一份 = {z}</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>(of {target})</source>
        <translation>（{target} 的）</translation>
    </message>
    <message>
        <source>No update: this network cannot be trained by gradient descent.</source>
        <translation>没有更新：这个网络不能用梯度下降训练。</translation>
    </message>
    <message>
        <source>The step this sample alone would give (a batch of one): training averages dE/dw over each batch before the optimiser steps.</source>
        <translation>这是仅由这一个样本得到的一步（批大小为 1）：训练时先在每一批上对 dE/dw 取平均，优化器再迈出一步。</translation>
    </message>
    <message>
        <source>Set a target to see the error and the backward pass.</source>
        <translation>设定目标值后即可看到误差和反向传播。</translation>
    </message>
    <message>
        <source>Forward: weighted sum and activation</source>
        <translation>前向：加权求和与激活</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>(its e^z over the sum of all {count})</source>
        <translation>（它的 e^z 除以全部 {count} 个之和）</translation>
    </message>
    <message>
        <source>… and {count} smaller terms, together {sum}</source>
        <translation>… 以及另外 {count} 个较小的项，合计 {sum}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>(target of {name})</source>
        <translation>（{name} 的目标值）</translation>
    </message>
    <message>
        <source>{loss} over {count} outputs, ŷ = a</source>
        <translation>{loss}，对 {count} 个输出求和，ŷ = a</translation>
    </message>
    <message>
        <source>{loss}, ŷ = a</source>
        <translation>{loss}，ŷ = a</translation>
    </message>
    <message>
        <source>Backward: chain rule</source>
        <translation>反向：链式法则</translation>
    </message>
    <message>
        <source>With {activation} and {loss} the g′(z) factor cancels: dE/da · g′(z) simplifies to a − y.</source>
        <translation>{activation} 与 {loss} 搭配时，g′(z) 因子被约去：dE/da · g′(z) 化简为 a − y。</translation>
    </message>
    <message>
        <source>Softmax couples the outputs: each z moves every a.</source>
        <translation>Softmax 把各输出耦合在一起：每个 z 都会影响所有的 a。</translation>
    </message>
    <message>
        <source>next neuron k</source>
        <translation>下一层神经元 k</translation>
    </message>
    <message>
        <source>w&lt;sub&gt;i&lt;/sub&gt; after the {rule} step</source>
        <translation>{rule} 这一步之后的 w&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>… {count} smaller gradients not shown</source>
        <translation>… 另有 {count} 个较小的梯度未显示</translation>
    </message>
</context>
<context>
    <name>ui.canvas.drop</name>
    <message>
        <source>input neurons only join the input layer</source>
        <extracomment>Why a neuron of each role cannot join a layer of another role.</extracomment>
        <translation>输入神经元只能加入输入层</translation>
    </message>
    <message>
        <source>hidden neurons only join a hidden layer</source>
        <translation>隐藏神经元只能加入隐藏层</translation>
    </message>
    <message>
        <source>output neurons only join the output layer</source>
        <translation>输出神经元只能加入输出层</translation>
    </message>
    <message>
        <source>new input layer</source>
        <extracomment>A new layer of each role: (role, of a given size rather than one neuron).</extracomment>
        <translation>新的输入层</translation>
    </message>
    <message>
        <source>new input layer of {size}</source>
        <translation>新的输入层，{size} 个神经元</translation>
    </message>
    <message>
        <source>new hidden layer</source>
        <translation>新的隐藏层</translation>
    </message>
    <message>
        <source>new hidden layer of {size}</source>
        <translation>新的隐藏层，{size} 个神经元</translation>
    </message>
    <message>
        <source>new output layer</source>
        <translation>新的输出层</translation>
    </message>
    <message>
        <source>new output layer of {size}</source>
        <translation>新的输出层，{size} 个神经元</translation>
    </message>
    <message>
        <source>add to {layer} at position {position}</source>
        <translation>加入{layer}，位置 {position}</translation>
    </message>
    <message>
        <source>start with an input layer</source>
        <translation>请先放一个输入层</translation>
    </message>
    <message>
        <source>the network already has an input layer</source>
        <translation>网络已经有输入层了</translation>
    </message>
    <message>
        <source>an output layer goes after the last layer</source>
        <translation>输出层要放在最后一层之后</translation>
    </message>
    <message>
        <source>nothing goes before the input layer</source>
        <translation>输入层之前不能放任何层</translation>
    </message>
    <message>
        <source>add an output layer first: hidden layers go between input and output</source>
        <translation>请先加一个输出层：隐藏层位于输入层和输出层之间</translation>
    </message>
    <message>
        <source>hidden layers go before the output layer</source>
        <translation>隐藏层要放在输出层之前</translation>
    </message>
    <message>
        <source>{layer} between {before} and {after}</source>
        <translation>{layer}，位于{before}和{after}之间</translation>
    </message>
    <message>
        <source>{layer} after {output} (which becomes {hidden})</source>
        <translation>{layer}，位于{output}之后（原输出层变为{hidden}）</translation>
    </message>
    <message>
        <source>{layer} after {input}</source>
        <translation>{layer}，位于{input}之后</translation>
    </message>
    <message>
        <source>drop on a neuron in the next or previous layer to connect</source>
        <translation>拖放到相邻层的神经元上即可连接</translation>
    </message>
    <message>
        <source>only neurons in neighbouring layers connect</source>
        <translation>只有相邻层的神经元才能连接</translation>
    </message>
    <message>
        <source>{a} and {b} are already connected</source>
        <translation>{a} 和 {b} 已经连接</translation>
    </message>
    <message>
        <source>connect {a} → {b}</source>
        <translation>连接 {a} → {b}</translation>
    </message>
    <message>
        <source>drag up or down the column to reorder</source>
        <translation>沿该列上下拖动可调整顺序</translation>
    </message>
    <message>
        <source>move {name} to position {position}</source>
        <translation>把 {name} 移到位置 {position}</translation>
    </message>
</context>
<context>
    <name>ui.canvas.gradients</name>
    <message>
        <source>dead ReLU: outputs 0 for all {count} probe samples, so g′(z) = 0 and no gradient reaches its weights: it cannot learn</source>
        <translation>死亡 ReLU：对全部 {count} 个探测样本输出都是 0，所以 g′(z) = 0，没有梯度传到它的权重：它无法学习</translation>
    </message>
    <message>
        <source>saturated: at the end of its range for ≥ 95 % of the {count} probe samples, where g′(z) ≈ 0, so it learns very slowly</source>
        <translation>饱和：在 {count} 个探测样本中 ≥ 95 % 处于取值范围的端点，那里 g′(z) ≈ 0，所以学得很慢</translation>
    </message>
</context>
<context>
    <name>ui.canvas.interaction</name>
    <message>
        <source>not a palette item nnsim can use: {reason}</source>
        <translation>不是 nnsim 能用的组件：{reason}</translation>
    </message>
    <message>
        <source>open {file}</source>
        <translation>打开 {file}</translation>
    </message>
</context>
<context>
    <name>ui.canvas.items</name>
    <message>
        <source>showing the {shown} strongest of {total} connections</source>
        <translation>显示 {total} 条连接中最强的 {shown} 条</translation>
    </message>
</context>
<context>
    <name>ui.canvas.legend</name>
    <message>
        <source>neuron activation: low → high</source>
        <translation>神经元激活值：低 → 高</translation>
    </message>
    <message>
        <source>positive weight</source>
        <translation>正权重</translation>
    </message>
    <message>
        <source>negative weight</source>
        <translation>负权重</translation>
    </message>
    <message>
        <source>full = largest |w| between the two layers</source>
        <translation>最粗 = 两层之间最大的 |w|</translation>
    </message>
    <message>
        <source>connections (weights hidden)</source>
        <translation>连接（权重已隐藏）</translation>
    </message>
    <message>
        <source>dead ReLU: 0 for every probe sample</source>
        <translation>死亡 ReLU：对每个探测样本都输出 0</translation>
    </message>
    <message>
        <source>saturated: stuck at the end of its range</source>
        <translation>饱和：停在取值范围的端点</translation>
    </message>
    <message>
        <source>gradient view: no gradient without training targets</source>
        <translation>梯度视图：没有训练目标值就没有梯度</translation>
    </message>
    <message>
        <source>dE/dw &lt; 0: gradient descent raises w</source>
        <translation>dE/dw &lt; 0：梯度下降使 w 增大</translation>
    </message>
    <message>
        <source>dE/dw &gt; 0: gradient descent lowers w</source>
        <translation>dE/dw &gt; 0：梯度下降使 w 减小</translation>
    </message>
    <message>
        <source>full = largest between the two layers (largest of all: {largest})</source>
        <translation>最粗 = 两层之间的最大值（全网最大：{largest}）</translation>
    </message>
    <message>
        <source>neuron fill: dE/dz, − → +, full = largest in the layer</source>
        <translation>神经元填充：dE/dz，− → +，最满 = 该层最大值</translation>
    </message>
    <message>
        <source>input neurons: their value</source>
        <translation>输入神经元：它们的值</translation>
    </message>
    <message>
        <source>E over {samples}</source>
        <translation>E 取自{samples}</translation>
    </message>
    <message>
        <source>thickness and colour = {quantity}</source>
        <translation>粗细和颜色 = {quantity}</translation>
    </message>
    <message>
        <source>colour strength = {quantity}</source>
        <translation>颜色深浅 = {quantity}</translation>
    </message>
</context>
<context>
    <name>ui.canvas.outputs</name>
    <message>
        <source>class {name}</source>
        <translation>类别 {name}</translation>
    </message>
</context>
<context>
    <name>ui.canvas.view</name>
    <message>
        <source>Drag an input layer here from the palette to start</source>
        <translation>从组件面板把一个输入层拖到这里开始</translation>
    </message>
    <message>
        <source>1 neuron</source>
        <translation>1 个神经元</translation>
    </message>
    <message>
        <source>{count} neurons</source>
        <translation>{count} 个神经元</translation>
    </message>
    <message>
        <source>click to select · double-click to edit</source>
        <translation>单击选中 · 双击编辑</translation>
    </message>
    <message>
        <source>w = {weight} from {source} to {target}</source>
        <translation>w = {weight}，从 {source} 到 {target}</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source> (+{count} overridden)</source>
        <translation>（另有 {count} 个单独设置）</translation>
    </message>
</context>
<context>
    <name>ui.compare_cards</name>
    <message>
        <source>epoch {epochs}</source>
        <extracomment>Training rows whose mean activation makes the neurons glow (as the main canvas). Grid points along each side of a card&apos;s decision surface or curve. The page each kind of data shows on, as in the Data dock.</extracomment>
        <translation>第 {epochs} 轮</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>One at a time</source>
        <translation>逐个查看</translation>
    </message>
</context>
<context>
    <name>ui.compare_controller</name>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>比较运行(&amp;C)…</translation>
    </message>
    <message>
        <source>Train the current network again from the same start with one setting changed, side by side</source>
        <translation>从同一起点重新训练当前网络，每次只改动一个设置，并排比较</translation>
    </message>
</context>
<context>
    <name>ui.compare_dialog</name>
    <message>
        <source>Run {number}</source>
        <extracomment>Values offered for the number settings (any other may be typed).</extracomment>
        <translation>运行 {number}</translation>
    </message>
    <message>
        <source>now {value}</source>
        <translation>当前：{value}</translation>
    </message>
    <message>
        <source>Run {number}: {problem}</source>
        <translation>运行 {number}：{problem}</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>Each run starts from the current run&apos;s initial weights and the same batch order, with one setting changed. Run 1 keeps the current settings. The runs train in lockstep: each has seen as many training samples as the others.</source>
        <translation>每次运行都从当前运行的初始权重和相同的批次顺序开始，只改动一个设置。运行 1 保留当前设置。各次运行同步训练：每次运行看过的训练样本都和其他运行一样多。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
</context>
<context>
    <name>ui.compare_plot</name>
    <message>
        <source>Training loss</source>
        <extracomment>What the plot can show: History column → its name (translated where shown).</extracomment>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>log scale</source>
        <extracomment>Curves of at most this many points mark each one.</extracomment>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Losses on a logarithmic axis: the late, small differences show</source>
        <translation>用对数坐标轴显示损失：后期的细微差别也能看清</translation>
    </message>
    <message>
        <source>epochs since the start</source>
        <translation>从开始算起的轮数</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
</context>
<context>
    <name>ui.compare_table</name>
    <message>
        <source>Run</source>
        <extracomment>The table&apos;s column titles (translated where shown).</extracomment>
        <translation>运行</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Train acc.</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Test acc.</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>To target</source>
        <translation>达到目标</translation>
    </message>
    <message>
        <source>To target: epochs until the training loss is at or below</source>
        <translation>达到目标：训练损失首次降到右侧数值或以下时的轮数</translation>
    </message>
    <message>
        <source>Epochs to target: the first epoch whose training loss is at or below this</source>
        <translation>达到目标的轮数：训练损失首次不高于此值的那一轮</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未达到</translation>
    </message>
</context>
<context>
    <name>ui.compare_window</name>
    <message>
        <source>Compare runs — nnsim</source>
        <extracomment>Least time between two redraws of the cards while playing.</extracomment>
        <translation>比较运行 — nnsim</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Every run sees one batch of run 1&apos;s size more</source>
        <translation>每次运行都再多训练一批样本（批大小与运行 1 相同）</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>单步一轮</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Keep this run</source>
        <translation>保留此运行</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ 暂停</translation>
    </message>
    <message>
        <source>Keep “{run}”</source>
        <translation>保留“{run}”</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>导出比较结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>cannot write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>each run has seen {samples} samples · {epochs} epochs</source>
        <translation>每次运行都已看过 {samples} 个样本 · {epochs} 轮</translation>
    </message>
</context>
<context>
    <name>ui.concepts</name>
    <message>
        <source>Neuron</source>
        <extracomment>(name, what it is, where nnsim shows it); translated where shown.</extracomment>
        <translation>神经元</translation>
    </message>
    <message>
        <source>A weighted sum of its inputs plus a bias, z = w·x + b, passed through an activation a = g(z).</source>
        <translation>对输入求加权和再加上偏置，z = w·x + b，然后经过激活函数得到 a = g(z)。</translation>
    </message>
    <message>
        <source>Click any neuron: the inspector writes out z and a with the real numbers.</source>
        <translation>点击任意一个神经元：检查器会代入实际数值，写出 z 和 a 的计算过程。</translation>
    </message>
    <message>
        <source>Weights and bias</source>
        <translation>权重和偏置</translation>
    </message>
    <message>
        <source>Weights scale the inputs; the bias shifts where the activation switches on.</source>
        <translation>权重对输入进行缩放；偏置平移激活函数开始“打开”的位置。</translation>
    </message>
    <message>
        <source>Connections are blue (positive) or orange (negative); thicker means larger |w|. Select one to see its value and gradient.</source>
        <translation>连接为蓝色（正）或橙色（负）；越粗表示 |w| 越大。选中一条连接可查看它的值和梯度。</translation>
    </message>
    <message>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Step, linear, sigmoid, tanh, ReLU, leaky ReLU, ELU, softplus, SiLU and softmax bend the weighted sum.</source>
        <translation>阶跃、线性、sigmoid、tanh、ReLU、Leaky ReLU、ELU、softplus、SiLU 和 softmax 对加权和进行变换（除线性函数外，都会引入非线性）。</translation>
    </message>
    <message>
        <source>Each layer&apos;s label names its activation; the inspector plots g and g′ with the neuron&apos;s current z marked.</source>
        <translation>每层的标签写明它的激活函数；检查器画出 g 和 g′ 的曲线，并标出该神经元当前的 z。</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Turns the output layer into probabilities that sum to 1, for classification.</source>
        <translation>把输出层变成总和为 1 的概率，用于分类。</translation>
    </message>
    <message>
        <source>Use a softmax output with cross-entropy; the data view shows the winning class.</source>
        <translation>输出层使用 softmax，并配合交叉熵损失；数据视图显示概率最高的类别。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>How wrong the network is: squared error ½(y − ŷ)², cross-entropy, binary cross-entropy, averaged over the batch.</source>
        <translation>衡量网络的误差有多大：平方误差 ½(y − ŷ)²、交叉熵、二元交叉熵，在一批样本上取平均。</translation>
    </message>
    <message>
        <source>Choose it in the Training dock; the loss plot follows it live.</source>
        <translation>在“训练”面板中选择；损失曲线实时跟着变化。</translation>
    </message>
    <message>
        <source>Backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>The chain rule carries dE/da and dE/dz backwards, layer by layer, to every dE/dw.</source>
        <translation>链式法则把 dE/da 和 dE/dz 逐层向后传递，一直求到每个 dE/dw。</translation>
    </message>
    <message>
        <source>The inspector shows dE/da, dE/dz and each incoming dE/dw for the selected sample.</source>
        <translation>检查器显示所选样本的 dE/da、dE/dz，以及每条输入连接的 dE/dw。</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Every weight moves against its gradient: w ← w − η·dE/dw.</source>
        <translation>每个权重都沿其梯度的反方向移动：w ← w − η·dE/dw。</translation>
    </message>
    <message>
        <source>Set η (learning rate) and the optimizer in the Training dock; Step does one update.</source>
        <translation>在“训练”面板中设置 η（学习率）和优化器；“单步”执行一次更新。</translation>
    </message>
    <message>
        <source>Batch, mini-batch, SGD, epoch</source>
        <translation>批、小批量、SGD、轮</translation>
    </message>
    <message>
        <source>Batch size 1 is stochastic gradient descent, the whole set is batch gradient descent, anything between is mini-batch; an epoch is one pass over the data.</source>
        <translation>批大小为 1 是随机梯度下降（SGD），取整个数据集是批量梯度下降，介于两者之间的是小批量梯度下降；一轮就是把数据完整地过一遍。</translation>
    </message>
    <message>
        <source>Batch size and the epoch limit are in the Training dock; the counter shows epochs and steps.</source>
        <translation>批大小和轮数上限在“训练”面板中设置；计数器显示已训练的轮数和步数。</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Weights start random (biases at 0) so neurons differ.</source>
        <translation>权重从随机值开始（偏置为 0），这样各个神经元才会彼此不同。</translation>
    </message>
    <message>
        <source>The Training dock shows the seed they were drawn from; Reset draws new ones from a new seed unless the padlock keeps it.</source>
        <translation>“训练”面板显示抽取这些权重所用的随机种子；“重置”会用新的随机种子重新抽取，除非用挂锁按钮锁定了种子。</translation>
    </message>
    <message>
        <source>Dead ReLUs, saturation, vanishing and exploding gradients</source>
        <translation>死亡 ReLU、饱和、梯度消失与梯度爆炸</translation>
    </message>
    <message>
        <source>Units stuck at 0 or at their bounds stop learning; gradients can shrink or blow up through many layers.</source>
        <translation>停在 0 或停在取值边界上的神经元不再学习；梯度经过许多层后可能变得极小，也可能急剧增大。</translation>
    </message>
    <message>
        <source>The Activations dock flags dead and saturated units and plots gradient norms per layer.</source>
        <translation>“激活值与梯度”面板标出死亡和饱和的神经元，并画出每层的梯度范数。</translation>
    </message>
    <message>
        <source>Deep networks</source>
        <translation>深度网络</translation>
    </message>
    <message>
        <source>More hidden layers compose more complex functions.</source>
        <translation>更多的隐藏层能组合出更复杂的函数。</translation>
    </message>
    <message>
        <source>Open the spiral or digits examples, or add layers.</source>
        <translation>打开“双螺旋”或“手写数字”示例，或者自己添加层。</translation>
    </message>
    <message>
        <source>Concepts — nnsim</source>
        <translation>概念 — nnsim</translation>
    </message>
    <message>
        <source>In nnsim: {where}</source>
        <translation>在 nnsim 中：{where}</translation>
    </message>
</context>
<context>
    <name>ui.confusion_controller</name>
    <message>
        <source>The network does not fit the data: {error}</source>
        <extracomment>Rows scored per update while training (MNIST&apos;s 54,000 would stall every frame). Updates per second while training.</extracomment>
        <translation>网络与数据不匹配：{error}</translation>
    </message>
    <message>
        <source>While training: the first {scored} of {rows} samples, once a second.</source>
        <translation>训练中：只统计 {rows} 个样本中的前 {scored} 个，每秒更新一次。</translation>
    </message>
    <message>
        <source>{count} train samples of class {true} predicted as {predicted}</source>
        <translation>{count} 个类别为 {true} 的训练样本被预测为 {predicted}</translation>
    </message>
    <message>
        <source>{count} test samples of class {true} predicted as {predicted}</source>
        <translation>{count} 个类别为 {true} 的测试样本被预测为 {predicted}</translation>
    </message>
    <message>
        <source>{title}; click one to inspect it</source>
        <translation>{title}；点击一个样本即可检查它</translation>
    </message>
    <message>
        <source>Test sample #{row}: the inspector steps through the training samples only.</source>
        <translation>测试样本 #{row}：检查器只能逐个查看训练样本。</translation>
    </message>
    <message>
        <source>Training sample #{row} is in the neuron inspector (click a neuron to see its arithmetic).</source>
        <translation>训练样本 #{row} 已在神经元检查器中（点击神经元查看它的计算过程）。</translation>
    </message>
    <message>
        <source>Open a network with classification data to see which classes it confuses.</source>
        <translation>打开一个使用分类数据的网络，即可看到它混淆了哪些类别。</translation>
    </message>
    <message>
        <source>A confusion matrix needs classification data; these data are regression.</source>
        <translation>混淆矩阵需要分类数据；当前数据是回归数据。</translation>
    </message>
    <message>
        <source>Add an output layer to see which classes the network confuses.</source>
        <translation>添加输出层后，即可看到网络混淆了哪些类别。</translation>
    </message>
    <message>
        <source>There are no samples in this part of the data.</source>
        <translation>这部分数据中没有样本。</translation>
    </message>
</context>
<context>
    <name>ui.confusion_view</name>
    <message>
        <source>Training data</source>
        <extracomment>Samples a cell lists at most (the rest are counted): 1,000 pictures would take long. The user switched between &quot;train&quot; and &quot;test&quot;. A cell was clicked: (true class, predicted class). A listed sample was chosen: its row in the part shown.</extracomment>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Test data</source>
        <translation>测试数据</translation>
    </message>
    <message>
        <source>Open a network with classification data to see which classes it confuses.</source>
        <translation>打开一个使用分类数据的网络，即可看到它混淆了哪些类别。</translation>
    </message>
    <message>
        <source>true {name}</source>
        <translation>真实 {name}</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {count} samples ({share} of true {true})</source>
        <translation>真实 {true}，预测 {predicted}：{count} 个样本（占真实 {true} 的 {share}）</translation>
    </message>
    <message>
        <source>accuracy {accuracy} on {count} samples</source>
        <translation>{count} 个样本上的准确率 {accuracy}</translation>
    </message>
    <message>
        <source>Rows: true class; columns: predicted. Click a cell to list its samples.</source>
        <translation>行：真实类别；列：预测类别。点击单元格可列出其中的样本。</translation>
    </message>
    <message>
        <source>{title} (the first {n} listed)</source>
        <translation>{title}（列出前 {n} 个）</translation>
    </message>
</context>
<context>
    <name>ui.data_controller</name>
    <message>
        <source>&amp;Locate Data…</source>
        <extracomment>The probe each kind of data page asks for.</extracomment>
        <translation>定位数据(&amp;L)…</translation>
    </message>
    <message>
        <source>Find the data&apos;s files in a folder you choose (data moved, or not bundled such as MNIST)</source>
        <translation>在你选择的文件夹中查找数据文件（数据被移动过，或像 MNIST 那样未随软件附带）</translation>
    </message>
    <message>
        <source>Data not changed</source>
        <translation>数据未更改</translation>
    </message>
    <message>
        <source>Locate data: the folder holding {names}</source>
        <translation>定位数据：选择包含 {names} 的文件夹</translation>
    </message>
    <message>
        <source>Data not found</source>
        <translation>未找到数据</translation>
    </message>
    <message>
        <source>Data found in {folder}</source>
        <translation>已在 {folder} 中找到数据</translation>
    </message>
    <message>
        <source>The data could not be read: Locate data… finds its files</source>
        <translation>无法读取数据：用“定位数据…”找到它的文件</translation>
    </message>
    <message>
        <source>{neuron} · {layer} · {activation}: its output over the plane</source>
        <translation>{neuron} · {layer} · {activation}：它在平面上的输出</translation>
    </message>
</context>
<context>
    <name>ui.data_pages</name>
    <message>
        <source>test</source>
        <extracomment>Fraction of the data&apos;s extent added on every side of the decision surface. How much of a class colour the decision surface keeps; the rest is BACKGROUND, so that the points, in full colour, stand out on it.</extracomment>
        <translation>测试</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>network output</source>
        <translation>网络输出</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>ui.data_panel</name>
    <message>
        <source>Choose a data set…</source>
        <translation>选择数据集…</translation>
    </message>
    <message>
        <source>CSV file…</source>
        <translation>CSV 文件…</translation>
    </message>
    <message>
        <source>MNIST IDX files…</source>
        <translation>MNIST IDX 文件…</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个点</translation>
    </message>
    <message>
        <source>test </source>
        <translation>测试集 </translation>
    </message>
    <message>
        <source>New sample</source>
        <translation>重新抽样</translation>
    </message>
    <message>
        <source>Draw the data again with the next seed</source>
        <translation>用下一个随机种子重新生成数据</translation>
    </message>
    <message>
        <source>Draw a digit…</source>
        <translation>手写数字…</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse and see what the network answers</source>
        <translation>用鼠标写一个数字，看看网络怎么回答</translation>
    </message>
    <message>
        <source>Locate data…</source>
        <translation>定位数据…</translation>
    </message>
    <message>
        <source>Choose the folder that holds the data&apos;s files</source>
        <translation>选择存放数据文件的文件夹</translation>
    </message>
    <message>
        <source>Cannot read the data: {problem}</source>
        <translation>无法读取数据：{problem}</translation>
    </message>
    <message>
        <source>This network has no data: choose a data set to train it.</source>
        <translation>这个网络还没有数据：请选择一个数据集来训练它。</translation>
    </message>
    <message>
        <source>noise σ </source>
        <translation>噪声 σ </translation>
    </message>
    <message>
        <source> % noise</source>
        <translation> % 噪声</translation>
    </message>
    <message>
        <source>Open a CSV file</source>
        <translation>打开 CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.csv.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>MNIST images (IDX)</source>
        <translation>MNIST 图像 (IDX)</translation>
    </message>
    <message>
        <source>IDX files (*idx3* *.gz);;All files (*)</source>
        <translation>IDX 文件 (*idx3* *.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>MNIST labels (IDX)</source>
        <translation>MNIST 标签 (IDX)</translation>
    </message>
    <message>
        <source>IDX files (*idx1* *.gz);;All files (*)</source>
        <translation>IDX 文件 (*idx1* *.gz);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ui.dataview</name>
    <message>
        <source>No data set</source>
        <translation>没有数据集</translation>
    </message>
    <message>
        <source>show test data</source>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <source>discretise output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>Colour each point by the class the network picks, not by how sure it is</source>
        <translation>按网络选出的类别给每个点着色，而不是按它有多确定</translation>
    </message>
    <message>
        <source>← network output</source>
        <translation>← 网络输出</translation>
    </message>
    <message>
        <source>Show the network&apos;s output again instead of the neuron&apos;s response</source>
        <translation>重新显示网络的输出，而不是该神经元的响应</translation>
    </message>
</context>
<context>
    <name>ui.digit_pad</name>
    <message>
        <source>Draw a digit with the left mouse button</source>
        <extracomment>The pen&apos;s width as a fraction of the pad&apos;s side: a digit drawn over most of the pad then has strokes about as thick, for its size, as MNIST&apos;s. A point closer than this (a fraction of the side) to the stroke&apos;s last one is dropped: it changes nothing visible and would only cost time.</extracomment>
        <translation>按住鼠标左键写一个数字</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Wipe the drawing (Delete)</source>
        <translation>擦掉所写内容（Delete）</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>网络看到的</translation>
    </message>
    <message>
        <source>What it answers</source>
        <translation>网络的回答</translation>
    </message>
</context>
<context>
    <name>ui.digit_pad_controller</name>
    <message>
        <source>as the 8×8 digits were made: scaled to a 32-pixel-high bitmap, 4×4 blocks counted (0..16), divided by 16</source>
        <extracomment>While drawing, the canvas follows at most this often (ms): recolouring and repainting a 784-input network takes ~10 ms, which would double the pad&apos;s answer time if done on every mouse event. How the pad&apos;s input was made, by image shape (translated where shown).</extracomment>
        <translation>与 8×8 数字数据集的制作方式相同：缩放成 32 像素高的位图，按 4×4 的块计数 (0..16)，再除以 16</translation>
    </message>
    <message>
        <source>as MNIST was made: fitted into 20×20, grey edges, centred by its centre of mass in 28×28, pixels 0..1</source>
        <translation>与 MNIST 的制作方式相同：缩放到 20×20，边缘为灰度，按质心居中放入 28×28，像素值 0..1</translation>
    </message>
    <message>
        <source>&amp;Draw a Digit…</source>
        <translation>手写数字(&amp;D)…</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse and see what the network answers</source>
        <translation>用鼠标写一个数字，看看网络怎么回答</translation>
    </message>
    <message>
        <source>{rows}×{columns} pixels, {recipe}.</source>
        <translation>{rows}×{columns} 像素，{recipe}。</translation>
    </message>
    <message>
        <source>Draw a digit to see the network&apos;s answer.</source>
        <translation>写一个数字，看看网络的回答。</translation>
    </message>
    <message>
        <source>It reads “{name}” ({share})</source>
        <translation>网络认为是“{name}”（{share}）</translation>
    </message>
    <message>
        <source>It reads “{name}”</source>
        <translation>网络认为是“{name}”</translation>
    </message>
    <message>
        <source>{caption} The {shown} largest of {total} are shown.</source>
        <translation>{caption}这里显示 {total} 个输出中最大的 {shown} 个。</translation>
    </message>
    <message>
        <source>The network needs an output layer with one neuron per class.</source>
        <translation>网络需要一个输出层，每个类别对应一个神经元。</translation>
    </message>
    <message>
        <source>The network has {inputs} inputs but a drawing gives {pixels} pixels.</source>
        <translation>网络有 {inputs} 个输入，但一幅手写图给出 {pixels} 个像素。</translation>
    </message>
    <message>
        <source>The network has {outputs} outputs for the data&apos;s {classes} classes.</source>
        <translation>网络有 {outputs} 个输出，而数据有 {classes} 个类别。</translation>
    </message>
    <message>
        <source>Softmax outputs are probabilities: they sum to 1 (here {total}).</source>
        <translation>softmax 的输出是概率：它们的和为 1（这里是 {total}）。</translation>
    </message>
    <message>
        <source>Sigmoid outputs lie between 0 and 1 each, independently: they are not probabilities that sum to 1 (here {total}).</source>
        <translation>sigmoid 的每个输出各自独立地落在 0 到 1 之间：它们不是和为 1 的概率（这里的和是 {total}）。</translation>
    </message>
    <message>
        <source>{activation} outputs are scores, not probabilities; the largest is the answer.</source>
        <translation>{activation} 的输出是分数而不是概率；最大的那个就是答案。</translation>
    </message>
</context>
<context>
    <name>ui.editor</name>
    <message>
        <source>&amp;Undo</source>
        <extracomment>Neurons a layer may be given in its dialog (a bigger one loaded from a file keeps its size).</extracomment>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;All Neurons</source>
        <translation>选择所有神经元(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Fit Layers to the Data</source>
        <translation>按数据调整各层(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Empty Network</source>
        <translation>新建空网络(&amp;N)</translation>
    </message>
    <message>
        <source>Connect &amp;New Neurons</source>
        <translation>连接新神经元(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>撤销“{step}”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>重做“{step}”(&amp;R)</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>组件面板</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <source>Drop ignored: {reason}</source>
        <translation>已忽略放置：{reason}</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Add input neuron</source>
        <translation>添加输入神经元</translation>
    </message>
    <message>
        <source>Add hidden neuron</source>
        <translation>添加隐藏神经元</translation>
    </message>
    <message>
        <source>Add output neuron</source>
        <translation>添加输出神经元</translation>
    </message>
    <message>
        <source>The loss changed to {loss} to suit the new output layer.</source>
        <translation>损失函数已改为{loss}，以适应新的输出层。</translation>
    </message>
    <message>
        <source>Add input layer</source>
        <translation>添加输入层</translation>
    </message>
    <message>
        <source>Add hidden layer</source>
        <translation>添加隐藏层</translation>
    </message>
    <message>
        <source>Add output layer</source>
        <translation>添加输出层</translation>
    </message>
    <message>
        <source>Connect neurons</source>
        <translation>连接神经元</translation>
    </message>
    <message>
        <source>Move neuron</source>
        <translation>移动神经元</translation>
    </message>
    <message>
        <source>Rename neuron</source>
        <translation>重命名神经元</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Change layer</source>
        <translation>更改层</translation>
    </message>
    <message>
        <source>Change activation</source>
        <translation>更改激活函数</translation>
    </message>
    <message>
        <source>Set weight</source>
        <translation>设置权重</translation>
    </message>
    <message>
        <source>w from {source} to {target}:</source>
        <translation>从 {source} 到 {target} 的 w：</translation>
    </message>
    <message>
        <source>Set bias</source>
        <translation>设置偏置</translation>
    </message>
    <message>
        <source>b of {neuron}:</source>
        <translation>{neuron} 的 b：</translation>
    </message>
    <message>
        <source>The network already fits its data.</source>
        <translation>网络已经与其数据相符。</translation>
    </message>
    <message>
        <source>Fit layers to the data</source>
        <translation>按数据调整各层</translation>
    </message>
    <message>
        <source>{count} inputs</source>
        <translation>{count} 个输入</translation>
    </message>
    <message>
        <source>{count} input</source>
        <translation>{count} 个输入</translation>
    </message>
    <message>
        <source>{count} {activation} outputs</source>
        <translation>{count} 个 {activation} 输出</translation>
    </message>
    <message>
        <source>{count} {activation} output</source>
        <translation>{count} 个 {activation} 输出</translation>
    </message>
    <message>
        <source>Fitted the layers to the data: {inputs}, {outputs} with {loss}, named after the data</source>
        <translation>已按数据调整各层：{inputs}，{outputs}，使用{loss}，并按数据命名</translation>
    </message>
    <message>
        <source>Set weight…</source>
        <translation>设置权重…</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Set bias…</source>
        <translation>设置偏置…</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Same as layer</source>
        <translation>与所在层相同</translation>
    </message>
    <message>
        <source>Watch activation</source>
        <translation>观察激活值</translation>
    </message>
    <message>
        <source>Delete neuron</source>
        <translation>删除神经元</translation>
    </message>
    <message>
        <source>Size and activation…</source>
        <translation>大小和激活函数…</translation>
    </message>
    <message>
        <source>Add neuron</source>
        <translation>添加神经元</translation>
    </message>
    <message>
        <source>Insert layer</source>
        <translation>插入层</translation>
    </message>
    <message>
        <source>Insert hidden layer before</source>
        <translation>在前面插入隐藏层</translation>
    </message>
    <message>
        <source>Insert hidden layer after</source>
        <translation>在后面插入隐藏层</translation>
    </message>
    <message>
        <source>Delete layer</source>
        <translation>删除层</translation>
    </message>
    <message>
        <source>Layer {layer}</source>
        <translation>第 {layer} 层</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>神经元数</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <source>Delete {count} items</source>
        <translation>删除 {count} 项</translation>
    </message>
    <message>
        <source>the input and output layers cannot be deleted; change their size instead</source>
        <translation>不能删除输入层和输出层；请改为调整它们的大小</translation>
    </message>
</context>
<context>
    <name>ui.export_controller</name>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>&amp;ONNX…</source>
        <translation>ONNX(&amp;O)…</translation>
    </message>
    <message>
        <source>Save the network as an ONNX model (float32, opset 17) for onnxruntime, Netron and other frameworks</source>
        <translation>将网络保存为 ONNX 模型（float32，opset 17），供 onnxruntime、Netron 和其他框架使用</translation>
    </message>
    <message>
        <source>&amp;PyTorch Script…</source>
        <translation>PyTorch 脚本(&amp;P)…</translation>
    </message>
    <message>
        <source>Save a Python script that rebuilds the network in PyTorch with its weights, loss and optimiser</source>
        <translation>保存一个 Python 脚本，用它的权重、损失函数和优化器在 PyTorch 中重建这个网络</translation>
    </message>
    <message>
        <source>Exported {file} ({what})</source>
        <translation>已导出 {file}（{what}）</translation>
    </message>
    <message>
        <source>Exported {file} ({what}, {size} bytes)</source>
        <translation>已导出 {file}（{what}，{size} 字节）</translation>
    </message>
    <message>
        <source>ONNX export</source>
        <translation>ONNX 导出</translation>
    </message>
    <message>
        <source>Export ONNX model</source>
        <translation>导出 ONNX 模型</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>ONNX model</source>
        <translation>ONNX 模型</translation>
    </message>
    <message>
        <source>Export PyTorch script</source>
        <translation>导出 PyTorch 脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>PyTorch script</source>
        <translation>PyTorch 脚本</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Export network image</source>
        <translation>导出网络图片</translation>
    </message>
</context>
<context>
    <name>ui.files</name>
    <message>
        <source>nnsim networks (*.nnsim.json);;JSON files (*.json);;All files (*)</source>
        <translation>nnsim 网络 (*.nnsim.json);;JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Training &amp;Timeline with the Network</source>
        <translation>随网络一起保存训练时间线(&amp;T)</translation>
    </message>
    <message>
        <source>Also save the run&apos;s saved moments beside the file ({sidecar}), to look back at and restore after reopening it</source>
        <translation>同时把这次运行保存的时刻存放在文件旁边（{sidecar}），以便重新打开后回看和恢复</translation>
    </message>
    <message>
        <source>Save the changes to {file}?</source>
        <translation>保存对 {file} 的更改吗？</translation>
    </message>
    <message>
        <source>Save the changes to this network?</source>
        <translation>保存对这个网络的更改吗？</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Open network</source>
        <translation>打开网络</translation>
    </message>
    <message>
        <source>Could not open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>已打开 {file}</translation>
    </message>
    <message>
        <source>Opened {file} with its training timeline ({count} moments)</source>
        <translation>已打开 {file} 及其训练时间线（{count} 个时刻）</translation>
    </message>
    <message>
        <source>{message}; its data could not be read</source>
        <translation>{message}；无法读取其数据</translation>
    </message>
    <message>
        <source>Training timeline not opened</source>
        <translation>未打开训练时间线</translation>
    </message>
    <message>
        <source>Save network</source>
        <translation>保存网络</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Saved {file} with its training timeline ({count} moments)</source>
        <translation>已保存 {file} 及其训练时间线（{count} 个时刻）</translation>
    </message>
    <message>
        <source>Training timeline not saved</source>
        <translation>未保存训练时间线</translation>
    </message>
</context>
<context>
    <name>ui.gradient_check</name>
    <message>
        <source>Layer</source>
        <extracomment>Training rows the Train menu&apos;s check uses (the inspector&apos;s button uses its one sample). Table rows shown without scrolling (a network of 6 layers has 12 parts).</extracomment>
        <translation>层</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已检验</translation>
    </message>
    <message>
        <source>Largest relative difference</source>
        <translation>最大相对差</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>weights</source>
        <extracomment>The engine&apos;s names of a layer&apos;s parts (&quot;weights&quot;, &quot;biases&quot;), as the table shows them.</extracomment>
        <translation>权重</translation>
    </message>
    <message>
        <source>biases</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Check Again</source>
        <translation>再次检验</translation>
    </message>
    <message>
        <source>{checked} of {total} parameters checked on {what}, in float64 (loss {loss:.6g}).</source>
        <translation>在{what}上以 float64 检验了 {total} 个参数中的 {checked} 个（损失 {loss:.6g}）。</translation>
    </message>
    <message>
        <source>{checked} of {total}</source>
        <translation>{checked} / {total}</translation>
    </message>
    <message>
        <source> ({count} skipped)</source>
        <translation>（跳过 {count} 个）</translation>
    </message>
    <message>
        <source>nothing compared</source>
        <translation>没有可比较的</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Every checked slope is exactly 0, by backpropagation and by the differences alike: the loss does not change smoothly with these parameters.</source>
        <translation>检验过的每个斜率都恰好为 0，反向传播和差分都是如此：损失并不随这些参数平滑变化。</translation>
    </message>
    <message>
        <source>Backpropagation agrees with the numerical slope everywhere it was checked: the largest relative difference is {worst:.1e}, below {tolerance:.0e}.</source>
        <translation>在检验过的每一处，反向传播都与数值斜率一致：最大相对差为 {worst:.1e}，低于 {tolerance:.0e}。</translation>
    </message>
    <message>
        <source>Backpropagation and the numerical slope disagree (largest relative difference {worst:.1e}, above {tolerance:.0e}): a derivative is wrong, or the network&apos;s numbers overflow.</source>
        <translation>反向传播与数值斜率不一致（最大相对差 {worst:.1e}，高于 {tolerance:.0e}）：要么某个导数算错了，要么网络中的数值溢出了。</translation>
    </message>
    <message>
        <source>Backpropagation applies the chain rule, which gives the exact derivative dE/dw. The check nudges each chosen parameter by ±h (h = {step:.0e} × max(1, |w|)) and measures (E(w + h) − E(w − h)) / 2h. That estimate carries rounding error, so differences around 1e-8 to 1e-10 are rounding, not a mistake.</source>
        <translation>反向传播运用链式法则，得到精确的导数 dE/dw。检验时把每个选中的参数各推动 ±h（h = {step:.0e} × max(1, |w|)），计算 (E(w + h) − E(w − h)) / 2h。这个估计本身带有舍入误差，所以 1e-8 到 1e-10 左右的差别是舍入造成的，并非错误。</translation>
    </message>
    <message>
        <source>{count} nudges moved a neuron across a kink (ReLU, leaky ReLU, ELU or step at z = 0), where the slope jumps: the estimate there mixes two slopes, so those parameters were skipped.</source>
        <translation>有 {count} 次推动让某个神经元越过了折点（ReLU、Leaky ReLU、ELU 或阶跃函数在 z = 0 处），那里斜率发生跳变：该处的估计混合了两个斜率，因此跳过了这些参数。</translation>
    </message>
    <message>
        <source>Step neurons have no slope: every parameter before them gets 0 both ways, which agrees but means they cannot learn by gradient descent.</source>
        <translation>阶跃神经元没有斜率：它们之前的每个参数两种算法都得到 0，结果一致，但这意味着它们无法通过梯度下降学习。</translation>
    </message>
    <message>
        <source>No nudge crossed a kink (z = 0) of a ReLU-like neuron.</source>
        <translation>没有一次推动越过类 ReLU 神经元的折点（z = 0）。</translation>
    </message>
    <message>
        <source>Open a network with data first.</source>
        <translation>请先打开一个带数据的网络。</translation>
    </message>
    <message>
        <source>the first {count} training samples</source>
        <translation>前 {count} 个训练样本</translation>
    </message>
    <message>
        <source>the training sample</source>
        <translation>这个训练样本</translation>
    </message>
    <message>
        <source>The inspector has no sample with a target for this network.</source>
        <translation>检查器没有适用于这个网络且带目标值的样本。</translation>
    </message>
    <message>
        <source>sample #{index} of the training data</source>
        <translation>训练数据的第 {index} 号样本</translation>
    </message>
</context>
<context>
    <name>ui.history_view</name>
    <message>
        <source>Opened</source>
        <extracomment>The first row: the state the project was opened (or created) in.</extracomment>
        <translation>打开时</translation>
    </message>
</context>
<context>
    <name>ui.inspector</name>
    <message>
        <source>sample # </source>
        <extracomment>The user stepped to another sample of ``set_samples``&apos; data (its row index). The user asked to check backpropagation&apos;s gradients on the current sample. ``(network, x, y, trace) -&gt; UpdateExplanation | None``: the optimiser&apos;s step on a sample, as training would take it (set by the inspection controller).</extracomment>
        <translation>样本 # </translation>
    </message>
    <message>
        <source>full precision</source>
        <translation>完整精度</translation>
    </message>
    <message>
        <source>Show every digit (hover a number to see its exact value either way)</source>
        <translation>显示全部位数（无论是否勾选，鼠标悬停在数字上都能看到精确值）</translation>
    </message>
    <message>
        <source>Check gradients…</source>
        <translation>检验梯度…</translation>
    </message>
    <message>
        <source>Compare backpropagation with central differences on this sample</source>
        <translation>在这个样本上比较反向传播与中心差分</translation>
    </message>
    <message>
        <source>Click a neuron or a connection to see its arithmetic.</source>
        <translation>单击一个神经元或一条连接，查看它的计算过程。</translation>
    </message>
    <message>
        <source>of {count}</source>
        <translation>/ {count}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; · neuron {number} of layer 0 (input)</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · 第 0 层（输入层）的第 {number} 个神经元</translation>
    </message>
    <message>
        <source>An input neuron passes its feature&apos;s value on unchanged.</source>
        <translation>输入神经元把它那个特征的值原样传下去。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; · neuron {number} of layer {layer} ({title}) · {activation}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · 第 {layer} 层（{title}）的第 {number} 个神经元 · {activation}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{source} → {target}&lt;/b&gt; · connection from layer {layer} ({title}) to layer {next_layer} ({next_title})</source>
        <translation>&lt;b&gt;{source} → {target}&lt;/b&gt; · 从第 {layer} 层（{title}）到第 {next_layer} 层（{next_title}）的连接</translation>
    </message>
    <message>
        <source>This connection has been removed from the network.</source>
        <translation>这条连接已从网络中移除。</translation>
    </message>
</context>
<context>
    <name>ui.lessons</name>
    <message>
        <source>nnsim lessons ({pattern});;All files (*)</source>
        <extracomment>How long a highlighted control keeps its frame.</extracomment>
        <translation>nnsim 课程 ({pattern});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open &amp;Lesson…</source>
        <translation>打开课程(&amp;L)…</translation>
    </message>
    <message>
        <source>Open a lesson file ({pattern})</source>
        <translation>打开课程文件（{pattern}）</translation>
    </message>
    <message>
        <source>This step could not set up the app: {reason}</source>
        <translation>这一步无法完成准备：{reason}</translation>
    </message>
    <message>
        <source>the network has no such neuron</source>
        <translation>网络中没有这个神经元</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Could not open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>✓ done</source>
        <translation>✓ 已完成</translation>
    </message>
    <message>
        <source>step {number} of {count}</source>
        <translation>第 {number} 步，共 {count} 步</translation>
    </message>
</context>
<context>
    <name>ui.lessons_panel</name>
    <message>
        <source>Lessons</source>
        <extracomment>The lesson text&apos;s size relative to the dock&apos;s font (it is read, often from afar).</extracomment>
        <translation>课程</translation>
    </message>
    <message>
        <source>Open Lesson…</source>
        <translation>打开课程…</translation>
    </message>
    <message>
        <source>Reset progress</source>
        <translation>重置进度</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Start this lesson ▶</source>
        <translation>开始本课 ▶</translation>
    </message>
    <message>
        <source>Open what the lesson works on and begin</source>
        <translation>打开本课要用的内容并开始</translation>
    </message>
    <message>
        <source>Check the task on the network as it is now</source>
        <translation>按网络现在的状态检查任务</translation>
    </message>
    <message>
        <source>{number}. {title}  ·  {progress}</source>
        <translation>{number}. {title}  ·  {progress}</translation>
    </message>
    <message>
        <source>{number}. {title}</source>
        <translation>{number}. {title}</translation>
    </message>
    <message>
        <source>Step {number} of {count}</source>
        <translation>第 {number} 步，共 {count} 步</translation>
    </message>
    <message>
        <source>Your task: {task}</source>
        <translation>你的任务：{task}</translation>
    </message>
    <message>
        <source>Not quite — try again.</source>
        <translation>不太对——再试一次。</translation>
    </message>
    <message>
        <source>Right. {explanation}</source>
        <translation>答对了。{explanation}</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>答对了。</translation>
    </message>
    <message>
        <source>Lesson complete!</source>
        <translation>本课完成！</translation>
    </message>
    <message>
        <source>Done — press Next.</source>
        <translation>完成——请按“下一步”。</translation>
    </message>
    <message>
        <source>Hint: {hint}</source>
        <translation>提示：{hint}</translation>
    </message>
    <message>
        <source>{found}.</source>
        <translation>{found}。</translation>
    </message>
</context>
<context>
    <name>ui.loss_plot</name>
    <message>
        <source>train loss</source>
        <extracomment>How the crosshair&apos;s readout names each column (translated where shown).</extracomment>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>loss</source>
        <extracomment>The epoch axis was clicked at this epoch: go back to the network as it was then.</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>running loss</source>
        <translation>滑动损失</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Click an epoch on this axis to go back to the network as it was then (Ctrl+Z undoes it)</source>
        <translation>点击这条轴上的某一轮，把网络恢复到当时的状态（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Export plot as PNG…</source>
        <translation>将图表导出为 PNG…</translation>
    </message>
    <message>
        <source>Export history as CSV…</source>
        <translation>将历史导出为 CSV…</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Plot the loss on a logarithmic axis</source>
        <translation>在对数坐标轴上绘制损失</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>running loss  {loss}  (epoch {epoch})</source>
        <translation>滑动损失  {loss}  （第 {epoch} 轮）</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ui.mainwindow</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Neuron inspector</source>
        <translation>神经元检查器</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <source>Activations and gradients</source>
        <translation>激活值与梯度</translation>
    </message>
    <message>
        <source>Perceptron</source>
        <translation>感知器</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Walk-through</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Network &amp;Image…</source>
        <translation>网络图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Save the whole network as a PNG of any size or as SVG</source>
        <translation>将整个网络保存为任意尺寸的 PNG 或 SVG</translation>
    </message>
    <message>
        <source>&amp;Close Network</source>
        <translation>关闭网络(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>开始/暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>Step &amp;Epoch</source>
        <translation>单步一轮(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Reset Weights</source>
        <translation>重置权重(&amp;R)</translation>
    </message>
    <message>
        <source>Check &amp;Gradients…</source>
        <translation>检查梯度(&amp;G)…</translation>
    </message>
    <message>
        <source>Compare backpropagation with central differences on the first samples</source>
        <translation>在前几个样本上将反向传播与中心差分进行比较</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show &amp;Weights</source>
        <translation>显示权重(&amp;W)</translation>
    </message>
    <message>
        <source>Show &amp;Values</source>
        <translation>显示数值(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;Gradients</source>
        <translation>显示梯度(&amp;G)</translation>
    </message>
    <message>
        <source>Colour connections by dE/dw and neurons by dE/dz instead of w and activation</source>
        <translation>按 dE/dw 为连接着色、按 dE/dz 为神经元着色，而不是按 w 和激活值</translation>
    </message>
    <message>
        <source>&amp;About nnsim</source>
        <translation>关于 nnsim(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Concepts</source>
        <translation>概念(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Walk Through a Sample</source>
        <translation>逐步演示一个样本(&amp;W)</translation>
    </message>
    <message>
        <source>Step one sample through the forward pass, the error, the backward pass and the update</source>
        <translation>让一个样本逐步经过前向传播、误差、反向传播和更新</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New from Example</source>
        <translation>从示例新建(&amp;N)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Loss not changed</source>
        <translation>损失函数未更改</translation>
    </message>
    <message>
        <source>Training paused</source>
        <translation>训练已暂停</translation>
    </message>
    <message>
        <source>About nnsim</source>
        <translation>关于 nnsim</translation>
    </message>
    <message>
        <source>nnsim, a visual neural-network simulator: build a network, press Play and watch it learn. Engine: numpy. Interface: Qt (PySide6) and pyqtgraph.</source>
        <translation>nnsim，一个可视化的神经网络模拟器：搭建网络，按“开始”，看它学习。引擎：numpy。界面：Qt（PySide6）和 pyqtgraph。</translation>
    </message>
</context>
<context>
    <name>ui.network_image</name>
    <message>
        <source>a picture is 1 to {limit} pixels a side, not {width} × {height}</source>
        <translation>图片每边须为 1 到 {limit} 像素，而不是 {width} × {height}</translation>
    </message>
    <message>
        <source>not enough memory for a {width} × {height} picture</source>
        <translation>内存不足，无法生成 {width} × {height} 的图片</translation>
    </message>
    <message>
        <source>cannot write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>Network image size</source>
        <translation>网络图片尺寸</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
</context>
<context>
    <name>ui.network_readings</name>
    <message>
        <source>p(class) · softmax · Σ = {total}</source>
        <extracomment>Output activations whose outputs are probabilities, and what their bars say.</extracomment>
        <translation>p(类别) · softmax · Σ = {total}</translation>
    </message>
    <message>
        <source>p · sigmoid: independent, no sum</source>
        <translation>p · sigmoid：各自独立，不求和</translation>
    </message>
    <message>
        <source>{positive} (not {negative})</source>
        <translation>{positive}（而非 {negative}）</translation>
    </message>
</context>
<context>
    <name>ui.network_view</name>
    <message>
        <source>the inspector&apos;s sample</source>
        <extracomment>A two-input network&apos;s neurons show their response over this probe of the data view.</extracomment>
        <translation>检查器的样本</translation>
    </message>
    <message>
        <source>the first {count} training samples (mean)</source>
        <translation>前 {count} 个训练样本（平均）</translation>
    </message>
</context>
<context>
    <name>ui.numbers</name>
    <message>
        <source>the target loss</source>
        <translation>目标损失</translation>
    </message>
    <message>
        <source>the weight</source>
        <extracomment>What a typed weight or bias may be.</extracomment>
        <translation>权重</translation>
    </message>
    <message>
        <source>the bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>the number of neurons</source>
        <extracomment>Bytes of a drag&apos;s payload read at most (an item takes about 100) and a label&apos;s length.</extracomment>
        <translation>神经元数</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <extracomment>Digits QDoubleSpinBox keeps after the point (it rounds every value to them): its maximum, so that 1e-12 stays 1e-12.</extracomment>
        <translation>{low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>a finite number from {low} to {high}</source>
        <translation>{low} 到 {high} 之间的有限数</translation>
    </message>
    <message>
        <source>{what} must be {accepted}, not {text}, which is not finite.</source>
        <translation>{what}必须是{accepted}，而 {text} 不是有限数。</translation>
    </message>
    <message>
        <source>{what} must be {accepted}, not {text}.</source>
        <translation>{what}必须是{accepted}，不能是 {text}。</translation>
    </message>
    <message>
        <source>{accepted}; press Enter to apply</source>
        <translation>{accepted}；按 Enter 应用</translation>
    </message>
    <message>
        <source>the learning rate</source>
        <extracomment>The kinds of regularisation (the combo&apos;s data); &quot;None&quot; is shown translated. What each typed setting accepts (the presets above included).</extracomment>
        <translation>学习率</translation>
    </message>
    <message>
        <source>the batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>the regularisation rate</source>
        <translation>正则化系数</translation>
    </message>
    <message>
        <source>the epoch limit</source>
        <translation>轮数上限</translation>
    </message>
    <message>
        <source>the seed of the initial weights</source>
        <translation>初始权重的随机种子</translation>
    </message>
    <message>
        <source>the seed of the batch order</source>
        <translation>批顺序的随机种子</translation>
    </message>
</context>
<context>
    <name>ui.palette</name>
    <message>
        <source>Input neuron</source>
        <translation>输入神经元</translation>
    </message>
    <message>
        <source>Hidden neuron</source>
        <translation>隐藏神经元</translation>
    </message>
    <message>
        <source>Output neuron</source>
        <translation>输出神经元</translation>
    </message>
    <message>
        <source>Input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Hidden layer</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Linear hidden layer</source>
        <translation>线性隐藏层</translation>
    </message>
    <message>
        <source>Linear output neuron</source>
        <translation>线性输出神经元</translation>
    </message>
    <message>
        <source>{size} bytes is more than a palette item&apos;s {limit}</source>
        <extracomment>Size and activation a new layer of each role gets until the user changes them.</extracomment>
        <translation>{size} 字节超过了组件的上限 {limit} 字节</translation>
    </message>
    <message>
        <source>not JSON ({error})</source>
        <translation>不是 JSON（{error}）</translation>
    </message>
    <message>
        <source>expected an object with the fields {fields}</source>
        <translation>应为包含字段 {fields} 的对象</translation>
    </message>
    <message>
        <source>{field} must be one of {choices}, not {value}</source>
        <translation>{field} 必须是 {choices} 之一，不能是 {value}</translation>
    </message>
    <message>
        <source>size must be a whole number from 1 to {limit}, not {value}</source>
        <translation>size 必须是 1 到 {limit} 之间的整数，不能是 {value}</translation>
    </message>
    <message>
        <source>activation {value} is not one nnsim knows</source>
        <translation>nnsim 不认识激活函数 {value}</translation>
    </message>
    <message>
        <source>label must be a text of at most {limit} characters</source>
        <translation>label 必须是不超过 {limit} 个字符的文本</translation>
    </message>
    <message>
        <source>neurons</source>
        <translation>神经元数</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Drag onto the network</source>
        <translation>拖到网络上</translation>
    </message>
    <message>
        <source>none (inputs)</source>
        <translation>无（输入）</translation>
    </message>
    <message>
        <source>the layer&apos;s</source>
        <translation>沿用所在层的</translation>
    </message>
    <message>
        <source>{item}: joins the layer you drop it on, or starts a new layer between two</source>
        <translation>{item}：加入你放置到的层，或在两层之间新建一层</translation>
    </message>
    <message>
        <source>{item}: drop between two layers (size and activation set above)</source>
        <translation>{item}：放到两层之间（大小和激活函数在上方设置）</translation>
    </message>
</context>
<context>
    <name>ui.perceptron</name>
    <message>
        <source>Open or build a single neuron (inputs connected straight to one output) to tune its weights and bias here.</source>
        <translation>打开或搭建一个单神经元网络（输入直接连到一个输出），就可以在这里调整它的权重和偏置。</translation>
    </message>
    <message>
        <source>This network has {count} neurons after the input: the perceptron panel tunes a single neuron (inputs connected straight to one output).</source>
        <translation>这个网络在输入之后有 {count} 个神经元：感知器面板只调整单个神经元（输入直接连到一个输出）。</translation>
    </message>
</context>
<context>
    <name>ui.perceptron_panel</name>
    <message>
        <source>Open or build a single neuron (inputs connected straight to one output) to tune it here.</source>
        <extracomment>Slider ends; the fields take anything up to FIELD_LIMIT and widen the slider to it. Slider positions per unit: weights move in steps of 0.1. Most weights the dock gives a slider (a single neuron on image data has hundreds).</extracomment>
        <translation>打开或搭建一个单神经元网络（输入直接连到一个输出），就可以在这里调整它。</translation>
    </message>
    <message>
        <source>weight {number}</source>
        <translation>权重 {number}</translation>
    </message>
    <message>
        <source>the bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>w{number} ({name})</source>
        <translation>w{number}（{name}）</translation>
    </message>
    <message>
        <source>b (threshold {threshold})</source>
        <translation>b（阈值 {threshold}）</translation>
    </message>
    <message>
        <source> + … ({count} more)</source>
        <translation> + …（另外 {count} 项）</translation>
    </message>
    <message>
        <source>{output} = {activation}(z): 1 when z ≥ 0, i.e. when Σ w·x reaches the threshold {threshold}</source>
        <translation>{output} = {activation}(z)：z ≥ 0 时为 1，即 Σ w·x 达到阈值 {threshold} 时</translation>
    </message>
    <message>
        <source>{output} = {activation}(z) decides 1 when z ≥ 0, i.e. when Σ w·x reaches the threshold {threshold}</source>
        <translation>{output} = {activation}(z)：z ≥ 0 时判定为 1，即 Σ w·x 达到阈值 {threshold} 时</translation>
    </message>
    <message>
        <source>{count} more weights are not shown: edit them on the canvas.</source>
        <translation>另有 {count} 个权重未显示：请在画布上编辑。</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>decides</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source> (the first {shown} of {count})</source>
        <translation>（{count} 个中的前 {shown} 个）</translation>
    </message>
    <message>
        <source>{right} of {count} cases right</source>
        <translation>{count} 种情况中对了 {right} 种</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>{count} 种情况</translation>
    </message>
</context>
<context>
    <name>ui.plot_controllers</name>
    <message>
        <source>No saved moment of this run at that epoch: the timeline starts when training does.</source>
        <translation>这次训练在那一轮没有保存的时刻：时间线从开始训练时才记录。</translation>
    </message>
    <message>
        <source>Back to epoch {epoch}, step {step} (Ctrl+Z to undo)</source>
        <translation>已回到第 {epoch} 轮第 {step} 步（Ctrl+Z 可撤销）</translation>
    </message>
</context>
<context>
    <name>ui.preferences</name>
    <message>
        <source>System ({language})</source>
        <extracomment>Each language by its code, named in itself (a reader finds their own language).</extracomment>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>nnsim will be in {language} from its next start.</source>
        <translation>nnsim 下次启动时将使用{language}。</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>System ({theme})</source>
        <translation>跟随系统（{theme}）</translation>
    </message>
    <message>
        <source>nnsim will use the {theme} theme from its next start.</source>
        <translation>nnsim 下次启动时将使用{theme}主题。</translation>
    </message>
    <message>
        <source>Restart nnsim</source>
        <translation>重新启动 nnsim</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>ui.presentation</name>
    <message>
        <source>&amp;Presentation Mode</source>
        <extracomment>The lesson takes this share of the screen&apos;s width beside the canvas. Docks that stay: the lesson, and the walk-through&apos;s bar while a walk runs.</extracomment>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen with large fonts and the lesson beside the canvas (Esc leaves)</source>
        <translation>全屏、大字号，课程显示在画布旁边（按 Esc 退出）</translation>
    </message>
</context>
<context>
    <name>ui.recovery</name>
    <message>
        <source>Could not write the recovery copy: {error}</source>
        <extracomment>Recovery copies hold the user&apos;s unsaved work and the path it came from: owner only.</extracomment>
        <translation>无法写入恢复副本：{error}</translation>
    </message>
    <message>
        <source>Could not remove the recovery copy: {error}</source>
        <translation>无法删除恢复副本：{error}</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>the unsaved network from {when} ({file})</source>
        <translation>未保存的网络（{file}，{when} 时）</translation>
    </message>
    <message>
        <source>nnsim closed unexpectedly. Restore {work}?</source>
        <translation>nnsim 意外关闭。要恢复{work}吗？</translation>
    </message>
    <message>
        <source>Restored {work}</source>
        <translation>已恢复{work}</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>ui.sample_pages</name>
    <message>
        <source>{n} {which} samples (true → predicted)</source>
        <extracomment>Image samples shown, and how many per row. At most this many rows are evaluated for the summary page.</extracomment>
        <translation>{n} 个{which}样本（真实 → 预测）</translation>
    </message>
    <message>
        <source>{right} of {n} {which} samples classified right (true → predicted)</source>
        <translation>{n} 个{which}样本中有 {right} 个分类正确（真实 → 预测）</translation>
    </message>
    <message>
        <source>true {true}</source>
        <translation>真实 {true}</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}</source>
        <translation>真实 {true}，预测 {predicted}</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>accuracy per class ({which} data)</source>
        <translation>各类别的准确率（{which}数据）</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>predicted against true ({which} data)</source>
        <translation>预测值与真实值对比（{which}数据）</translation>
    </message>
    <message>
        <source>accuracy per class ({which} data): {accuracy} overall</source>
        <translation>各类别的准确率（{which}数据）：总体 {accuracy}</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>training samples</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>test samples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <source>features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>{n}, from {low} to {high}</source>
        <translation>{n} 个，从 {low} 到 {high}</translation>
    </message>
    <message>
        <source>, … {n} more</source>
        <translation>，… 还有 {n} 个</translation>
    </message>
</context>
<context>
    <name>ui.seed_fields</name>
    <message>
        <source>none</source>
        <extracomment>Characters a seed field is sized for: a seed that Reset draws has at most ten digits (longer typed ones scroll). The value that stands for &quot;no seed&quot; while one is shown (below every seed).</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <source>Lock the seed of the initial weights</source>
        <translation>锁定初始权重的随机种子</translation>
    </message>
    <message>
        <source>Locked: Reset draws the same initial weights again, from this seed</source>
        <translation>已锁定：重置时用这个随机种子重新生成相同的初始权重</translation>
    </message>
    <message>
        <source>Unlocked: Reset draws new initial weights from a new seed; click to keep this seed</source>
        <translation>未锁定：重置时用新的随机种子生成新的初始权重；点击可保留这个随机种子</translation>
    </message>
</context>
<context>
    <name>ui.status</name>
    <message>
        <source>Training stopped: {reason}</source>
        <translation>训练已停止：{reason}</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>Step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>Loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <source>Loss —</source>
        <translation>损失 —</translation>
    </message>
    <message>
        <source>set by hand (not trainable)</source>
        <translation>手动设置（不可训练）</translation>
    </message>
    <message>
        <source>no data: cannot read its files (see the Data dock)</source>
        <translation>没有数据：无法读取其文件（见“数据”面板）</translation>
    </message>
    <message>
        <source>no data: cannot read {file} (see the Data dock)</source>
        <translation>没有数据：无法读取 {file}（见“数据”面板）</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 步/秒</translation>
    </message>
    <message>
        <source>looking back</source>
        <translation>回看中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Accuracy —</source>
        <translation>准确率 —</translation>
    </message>
    <message>
        <source>test {accuracy}</source>
        <translation>测试集 {accuracy}</translation>
    </message>
    <message>
        <source>Accuracy {accuracy}</source>
        <translation>准确率 {accuracy}</translation>
    </message>
    <message>
        <source>Accuracy {accuracy} ({notes})</source>
        <translation>准确率 {accuracy}（{notes}）</translation>
    </message>
</context>
<context>
    <name>ui.timeline_bar</name>
    <message>
        <source>Run timeline</source>
        <extracomment>Replay speeds, in checkpoints shown per second. The memory budget&apos;s range in MB (the spin box). The user picked the moment at this index of the positions. The user picked the present.</extracomment>
        <translation>训练时间线</translation>
    </message>
    <message>
        <source>Drag to look at the network as it was at that moment; arrow keys step from one saved moment to the next, End returns to now</source>
        <translation>拖动可查看网络在那一时刻的状态；方向键在保存的时刻之间逐个移动，End 键回到现在</translation>
    </message>
    <message>
        <source>Back to &amp;now</source>
        <translation>回到现在(&amp;N)</translation>
    </message>
    <message>
        <source>Show the network as it is now (End on the timeline)</source>
        <translation>显示网络现在的状态（在时间线上按 End）</translation>
    </message>
    <message>
        <source>&amp;Restore this point</source>
        <translation>恢复到此时刻(&amp;R)</translation>
    </message>
    <message>
        <source>Make this moment the present: its weights and training state; training goes on from here (Ctrl+Z undoes it)</source>
        <translation>把这一时刻设为现在：采用它的权重和训练状态，并从这里继续训练（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Re&amp;play</source>
        <translation>回放(&amp;P)</translation>
    </message>
    <message>
        <source>Play the saved moments of the run back in order, without training again</source>
        <translation>按顺序回放这次训练保存的各个时刻，不重新训练</translation>
    </message>
    <message>
        <source>{n} / s</source>
        <translation>{n} / 秒</translation>
    </message>
    <message>
        <source>Saved moments shown per second while replaying</source>
        <translation>回放时每秒显示的保存时刻数</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Timeline memory budget</source>
        <translation>时间线内存预算</translation>
    </message>
    <message>
        <source>Memory the run&apos;s saved moments may use: when it is full, moments are thinned, keeping the early ones densest</source>
        <translation>这次训练保存的时刻最多可用的内存：用满后会抽稀，早期的时刻保留得最密</translation>
    </message>
    <message>
        <source>1 saved moment · {size} MB of</source>
        <translation>已保存 1 个时刻 · {size} MB，上限</translation>
    </message>
    <message>
        <source>{count} saved moments · {size} MB of</source>
        <translation>已保存 {count} 个时刻 · {size} MB，上限</translation>
    </message>
</context>
<context>
    <name>ui.timeline_controller</name>
    <message>
        <source>Restored epoch {epoch}, step {step}: training goes on from here (Ctrl+Z to undo)</source>
        <extracomment>Where the window&apos;s settings keep the timeline&apos;s budget (MB).</extracomment>
        <translation>已恢复到第 {epoch} 轮第 {step} 步：训练将从这里继续（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Viewing epoch {epoch} of {now} · step {step}</source>
        <translation>正在查看第 {epoch} 轮（共 {now} 轮）· 第 {step} 步</translation>
    </message>
    <message>
        <source>The timeline fills as the network trains</source>
        <translation>网络训练时，时间线会逐渐填满</translation>
    </message>
    <message>
        <source>Now · train, then drag to look back</source>
        <translation>现在 · 先训练，再拖动回看</translation>
    </message>
    <message>
        <source>Now: epoch {epoch} · drag to look back</source>
        <translation>现在：第 {epoch} 轮 · 拖动可回看</translation>
    </message>
</context>
<context>
    <name>ui.training_panel</name>
    <message>
        <source>Play</source>
        <extracomment>The height of the run&apos;s buttons (px) and the gap between two groups of settings. Speed slider positions: steps per frame (0 = as fast as the machine goes).</extracomment>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>开始或暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train on one batch (Ctrl+Right)</source>
        <translation>用一批样本训练一步（Ctrl+Right）</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>一轮</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch</source>
        <translation>训练到当前这一轮结束</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Draw new initial weights (from a new seed unless the seed is locked) and forget all progress</source>
        <translation>重新生成初始权重（除非锁定了随机种子，否则使用新的随机种子），并丢弃全部训练进度</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>Fit layers to the data</source>
        <translation>按数据调整各层</translation>
    </message>
    <message>
        <source>One input per feature and one output per class (softmax with cross-entropy) or target, named after them (one undo step)</source>
        <translation>每个特征一个输入，每个类别（softmax 配交叉熵）或每个目标值一个输出，并以它们命名（一步撤销）</translation>
    </message>
    <message>
        <source>η in w ← w − η·dE/dw: {accepted}</source>
        <translation>w ← w − η·dE/dw 中的 η：{accepted}</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批</translation>
    </message>
    <message>
        <source>1 = stochastic gradient descent, full batch (0) = batch gradient descent, anything between = mini-batch: {accepted}</source>
        <translation>1 = 随机梯度下降，全批 (0) = 批量梯度下降，介于两者之间 = 小批量：{accepted}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Reshuffle every epoch</source>
        <translation>每轮重新打乱</translation>
    </message>
    <message>
        <source>Slow speeds show every few steps; the right end trains as fast as the machine can</source>
        <translation>慢速时每隔几步显示一次；最右端以机器的最快速度训练</translation>
    </message>
    <message>
        <source>The initial weights are drawn from this seed: type one to draw them from it (one undo step)</source>
        <translation>初始权重由这个随机种子生成：输入一个种子即可用它重新生成（一步撤销）</translation>
    </message>
    <message>
        <source>The order of the training samples in the batches comes from this seed; a new one applies from the start of the current epoch</source>
        <translation>训练样本在各批中的顺序由这个随机种子决定；新的种子从当前这一轮的开头起生效</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Regularisation</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Stop after</source>
        <translation>轮数上限</translation>
    </message>
    <message>
        <source>Target loss</source>
        <translation>目标损失</translation>
    </message>
    <message>
        <source>Weights seed</source>
        <translation>权重种子</translation>
    </message>
    <message>
        <source>Batch seed</source>
        <translation>批次种子</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>{steps} step/frame</source>
        <translation>{steps} 步/帧</translation>
    </message>
    <message>
        <source>{steps} steps/frame</source>
        <translation>{steps} 步/帧</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>step {step} · {per_epoch} steps per epoch · {samples} training samples</source>
        <translation>第 {step} 步 · 每轮 {per_epoch} 步 · {samples} 个训练样本</translation>
    </message>
</context>
<context>
    <name>ui.walkthrough</name>
    <message>
        <source>Open or build a network to walk a sample through it.</source>
        <translation>打开或搭建一个网络，就可以让一个样本逐步走过它。</translation>
    </message>
    <message>
        <source>The walk-through needs a network whose input layer fits the data, and an output layer.</source>
        <translation>逐步演示需要一个输入层与数据相符、并且有输出层的网络。</translation>
    </message>
</context>
<context>
    <name>ui.walkthrough_bar</name>
    <message>
        <source>every 0.5 s</source>
        <extracomment>Seconds per step when playing slowly.</extracomment>
        <translation>每 0.5 秒</translation>
    </message>
    <message>
        <source>every 1 s</source>
        <translation>每 1 秒</translation>
    </message>
    <message>
        <source>every 2 s</source>
        <translation>每 2 秒</translation>
    </message>
    <message>
        <source>Forward pass: each neuron adds up its inputs times their weights, plus its bias (z), then applies its activation g (a = g(z)).</source>
        <translation>前向传播：每个神经元把输入乘以各自的权重再相加，加上偏置得到 z，然后用激活函数 g 得到 a = g(z)。</translation>
    </message>
    <message>
        <source>Error: the loss compares the network&apos;s output ŷ with the target y.</source>
        <translation>误差：损失函数比较网络的输出 ŷ 和目标值 y。</translation>
    </message>
    <message>
        <source>Backward pass (the chain rule): each neuron&apos;s δ = dE/dz = dE/da·g′(z), where dE/da sums the δ of the neurons it feeds times their weights; a weight&apos;s gradient is the δ it feeds times the activation it carries.</source>
        <translation>反向传播（链式法则）：每个神经元的 δ = dE/dz = dE/da·g′(z)，其中 dE/da 是它所连接的下一层神经元的 δ 乘以对应权重之和；一个权重的梯度等于它所指向神经元的 δ 乘以它传递的激活值。</translation>
    </message>
    <message>
        <source>Update: the optimiser moves every weight against its gradient. This is the step this sample alone would give (a batch of one).</source>
        <translation>更新：优化器让每个权重沿梯度的反方向移动。这是仅由这一个样本得到的一步（批大小为 1）。</translation>
    </message>
    <message>
        <source>sample </source>
        <translation>样本 </translation>
    </message>
    <message>
        <source>The sample to walk through (the inspector&apos;s sample)</source>
        <translation>要逐步演示的样本（即检查器的样本）</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>The step before (←)</source>
        <translation>上一步（←）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>The next step (→)</source>
        <translation>下一步（→）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>自动播放</translation>
    </message>
    <message>
        <source>Step through the walk by itself at the pace chosen beside</source>
        <translation>按旁边选定的速度自动逐步演示</translation>
    </message>
    <message>
        <source>End walk</source>
        <translation>结束演示</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Step {number} of {total} · {title}</source>
        <translation>第 {number} 步，共 {total} 步 · {title}</translation>
    </message>
    <message>
        <source> of {count}</source>
        <translation> / {count}</translation>
    </message>
</context>
<context>
    <name>ui.welcome</name>
    <message>
        <source>Build a neural network, press Play, and watch it learn. Start from an example:</source>
        <translation>搭建一个神经网络，按下“开始”，看着它学习。从一个示例开始：</translation>
    </message>
    <message>
        <source>Open a network file…</source>
        <translation>打开网络文件…</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近打开的文件</translation>
    </message>
</context>
</TS>
