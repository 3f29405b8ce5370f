<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="20"/>
        <source>Trees per forest</source>
        <translation>每个森林的树数</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="22"/>
        <source>Cross-validation folds (0 = leave one out)</source>
        <translation>交叉验证折数（0 = 留一法）</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="24"/>
        <source>Cross-validation</source>
        <translation>交叉验证</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="24"/>
        <source>Random folds</source>
        <translation>随机分折</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="24"/>
        <source>Spatial blocks</source>
        <translation>空间分块</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="26"/>
        <source>Spatial block size (map units)</source>
        <translation>空间分块大小（地图单位）</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="29"/>
        <source>Minimum samples per leaf</source>
        <translation>叶节点最少样本数</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="25"/>
        <source>a value is required.</source>
        <translation>必须提供一个值。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="29"/>
        <source>choose {} of: {}.</source>
        <translation>请从以下选项中选择{}：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="29"/>
        <source>at least one</source>
        <translation>至少一项</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="29"/>
        <source>one</source>
        <translation>一项</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="36"/>
        <source>file not found: {}</source>
        <translation>找不到文件：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="36"/>
        <source>&apos;{}&apos; is not a vector layer QGIS can open. Give a GeoPackage, shapefile or another vector file.</source>
        <translation>“{}”不是 QGIS 能打开的矢量图层。请提供 GeoPackage、shapefile 或其他矢量文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="39"/>
        <source>QGIS does not accept the value &apos;{}&apos;.</source>
        <translation>QGIS 不接受值“{}”。</translation>
    </message>
    <message>
        <location filename="../algorithms/soil_quality.py" line="17"/>
        <source>Soil pH (empty: strictest GB 15618 class)</source>
        <translation>土壤 pH（留空：采用 GB 15618 最严格的类别）</translation>
    </message>
    <message>
        <location filename="../algorithms/soil_quality.py" line="20"/>
        <source>Land use (GB 15618 screening values)</source>
        <translation>土地利用类型（GB 15618 风险筛选值）</translation>
    </message>
    <message>
        <location filename="../algorithms/soil_quality.py" line="20"/>
        <source>Other agricultural land</source>
        <translation>其他农用地</translation>
    </message>
    <message>
        <location filename="../algorithms/soil_quality.py" line="20"/>
        <source>Paddy field</source>
        <translation>水田</translation>
    </message>
    <message>
        <location filename="../algorithms/soil_quality.py" line="20"/>
        <source>Orchard</source>
        <translation>果园</translation>
    </message>
    <message>
        <location filename="../algorithms/soil_quality.py" line="23"/>
        <source>Background (mg/kg), e.g. Pb=29.7, Cd=0.13</source>
        <translation>背景值（mg/kg），如 Pb=29.7, Cd=0.13</translation>
    </message>
    <message>
        <location filename="../algorithms/device_parameter.py" line="15"/>
        <source>Device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../algorithms/device_parameter.py" line="15"/>
        <source>Auto (GPU if available)</source>
        <translation>自动（有 GPU 时用 GPU）</translation>
    </message>
    <message>
        <location filename="../algorithms/device_parameter.py" line="15"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../algorithms/device_parameter.py" line="15"/>
        <source>GPU (CuPy)</source>
        <translation>GPU（CuPy）</translation>
    </message>
</context>
<context>
    <name>CompareUnmixing</name>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="31"/>
        <source>Compare unmixing methods</source>
        <translation>比较解混方法</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="48"/>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="56"/>
        <source>Comparison table</source>
        <translation>比较表</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="56"/>
        <source>Comparison report</source>
        <translation>比较报告</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="63"/>
        <source>choose at least one method.</source>
        <translation>请至少选择一种方法。</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="94"/>
        <source>{}: RMSE {:.5f}, mean sum {:.3f}, {:.2f} s</source>
        <translation>{}：RMSE {:.5f}，丰度和均值 {:.3f}，{:.2f} 秒</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="51"/>
        <source>Soil samples (optional)</source>
        <translation>土壤样点（可选）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="54"/>
        <source>Trees per forest</source>
        <translation>每个森林的树数</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="94"/>
        <source>, mean CV R2 {:.3f}</source>
        <translation>，交叉验证 R2 均值 {:.3f}</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="34"/>
        <source>Runs several unmixing methods on the same raster and endmembers and tabulates, per method, the mean reconstruction RMSE, the mean sum of abundances (1 for a physical mixture) and the time it takes to fit and unmix the scene, as in the paper&apos;s Table 2 (LMM 4.14 s, NMF 74.34 s, SVR 1320.58 s there). The scene is read once for all the methods, so the times leave the reading out (NMF&apos;s includes its pass to sample pixels). With SAMPLES, each method&apos;s abundances at the samples feed a Random Forest per metal and the table gets the cross-validated R2 of every metal and their mean (5 random folds, seeded). Nothing is written but the table and an HTML report.</source>
        <translation>在同一栅格和同一组端元上运行多种解混方法，并按方法列出平均重建 RMSE、丰度和的均值（物理混合应为 1）以及拟合和解混整个场景所用的时间，对应论文表 2（论文中 LMM 4.14 秒、NMF 74.34 秒、SVR 1320.58 秒）。所有方法只读取一次场景，因此时间不含读取（NMF 的时间包含其采样像元的一遍读取）。给出 SAMPLES 时，每种方法在样点处的丰度用于逐个重金属训练随机森林，表中增加每种重金属的交叉验证 R2 及其均值（5 折随机分折，固定随机种子）。除表格和 HTML 报告外不写出其他文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/compare_unmixing.py" line="87"/>
        <source>the raster has no valid pixel to unmix.</source>
        <translation>栅格没有可解混的有效像元。</translation>
    </message>
</context>
<context>
    <name>ConcentrationMaps</name>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="32"/>
        <source>Concentrations (mg/kg)</source>
        <translation>含量（mg/kg）</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="33"/>
        <source>Uncertainty: spread of the trees (mg/kg)</source>
        <translation>不确定性：各树预测的离散度（mg/kg）</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="63"/>
        <source>the raster has no valid pixel (all nodata, NaN or zero): there is nothing to map. Check its nodata value and its bands.</source>
        <translation>栅格没有有效像元（全部为 nodata、NaN 或 0）：没有可制图的内容。请检查其 nodata 值和波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="39"/>
        <source>The maps are computed on {}.</source>
        <translation>含量图在 {} 上计算。</translation>
    </message>
</context>
<context>
    <name>CorrelateMetals</name>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="29"/>
        <source>Correlate metals</source>
        <translation>重金属相关分析</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="50"/>
        <source>Metal fields of the samples</source>
        <translation>样点的重金属字段</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="54"/>
        <source>Spearman rank correlation</source>
        <translation>Spearman 秩相关</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="57"/>
        <source>Correlation table</source>
        <translation>相关系数表</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="57"/>
        <source>Correlation heat map</source>
        <translation>相关热图</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="66"/>
        <source>choose at least two metal fields.</source>
        <translation>请至少选择两个重金属字段。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="91"/>
        <source>&apos;{}&apos; is constant or empty: left out.</source>
        <translation>“{}”为常数或为空：已排除。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="126"/>
        <source>give a concentration raster or sample points.</source>
        <translation>请提供含量栅格或样点。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="129"/>
        <source>the raster has a single band; correlation needs one band per metal.</source>
        <translation>栅格只有一个波段；相关分析需要每种重金属一个波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="138"/>
        <source>fewer than 3 pixels are valid in every band.</source>
        <translation>所有波段均有效的像元少于 3 个。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="145"/>
        <source>Correlation over {} pixels valid in every band.</source>
        <translation>基于所有波段均有效的 {} 个像元计算相关。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="93"/>
        <source>fewer than two metals vary ({} constant or empty): there is nothing to correlate. Choose metals with values that vary.</source>
        <translation>有变化的重金属少于两种（{} 为常数或为空）：无法计算相关。请选择数值有变化的重金属。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="117"/>
        <source>no field named {} in the samples; they have: {}.</source>
        <translation>样点中没有名为 {} 的字段；现有字段：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="121"/>
        <source>text fields, not numbers: {}. Choose numeric metal fields, or convert the text ones to numbers first.</source>
        <translation>以下字段是文本而不是数值：{}。请选择数值型重金属字段，或先把文本字段转换为数值。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="33"/>
        <source>Pearson correlation between the metals measured at the soil samples (the chosen fields; each pair over the samples holding both), with its two-sided p-value and the number of samples n: which metals co-occur in the soil, and so may share a source (the paper&apos;s section 2.6.1). Spearman ranks optionally.
Instead of samples, a predicted concentration raster (one band per metal) can be given: its correlation is computed over the pixels valid in every band, block by block (Spearman: on a random sample of 100000 pixels). Read it with care: every predicted metal derives from the same few abundances, so r measures how alike the fitted models are, not how the metals co-occur, and pixels are no independent samples (no p-value is given).
Constant metals are left out with a warning. Outputs: the matrix as a table (r, p and n) and an HTML heat map with the values in the cells, metals ordered by hierarchical clustering so that groups such as Pb-Cd-Zn stand together.</source>
        <translation>计算土壤样点实测重金属之间的 Pearson 相关系数（所选字段；每对重金属基于同时有两者数值的样点），并给出双侧 p 值和样点数 n：可看出哪些重金属在土壤中共同出现，因而可能同源（论文第 2.6.1 节）。可选 Spearman 秩相关。
也可以不用样点，而给出预测的含量栅格（每种重金属一个波段）：相关系数在所有波段均有效的像元上逐块计算（Spearman：在随机抽取的 100000 个像元上计算）。解读时须谨慎：每种预测的重金属都来自同样的少数几个丰度，因此 r 衡量的是拟合模型之间的相似程度，而不是重金属是否共同出现；像元也不是相互独立的样本（不给出 p 值）。
为常数的重金属会被排除并给出警告。输出：相关矩阵表（r、p 和 n），以及在单元格中标注数值的 HTML 热图，重金属按层次聚类排序，使 Pb-Cd-Zn 等组合排在一起。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="48"/>
        <source>Soil samples (measured metals)</source>
        <translation>土壤样点（实测重金属）</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="55"/>
        <source>Or a raster of predicted metals</source>
        <translation>或预测的重金属栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/correlate_metals.py" line="86"/>
        <source>Correlation of predicted maps: every metal derives from the same abundances, so r shows how alike the models are, not how the metals co-occur. Give the measured samples for that.</source>
        <translation>基于预测图的相关：每种重金属都来自同样的丰度，因此 r 反映的是模型之间的相似程度，而不是重金属是否共同出现。如需了解后者，请提供实测样点。</translation>
    </message>
</context>
<context>
    <name>CreateSampleScene</name>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="41"/>
        <source>Create simulated sample scene</source>
        <translation>创建模拟示例场景</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="68"/>
        <source>Scene size (pixels per side)</source>
        <translation>场景大小（每边像元数）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="72"/>
        <source>Signal-to-noise ratio</source>
        <translation>信噪比</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="74"/>
        <source>Outlier pixels</source>
        <translation>异常像元数</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="81"/>
        <source>Simulated scene</source>
        <translation>模拟场景</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="82"/>
        <source>Simulated true abundances</source>
        <translation>模拟真实丰度</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="84"/>
        <source>Simulated true concentrations</source>
        <translation>模拟真实含量</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="86"/>
        <source>Simulated soil samples</source>
        <translation>模拟土壤样点</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="113"/>
        <source>Simulated {0} x {0} pixels, seed {1}, SNR {2:g}, {3} outlier pixels at (row, col) {4}.</source>
        <translation>模拟 {0} x {0} 像元，随机种子 {1}，信噪比 {2:g}，{3} 个异常像元，位置（行，列）{4}。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="142"/>
        <source>Simulated GF-5 scene</source>
        <translation>模拟高分五号场景</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="45"/>
        <source>Creates a SIMULATED GaoFen-5 AHSI scene of a mining area with known truth, to try the PCCEE workflow and to test it: 330 bands (VNIR 390-1029 nm, SWIR 1004-2513 nm) at 30 m in UTM 49N near Lengshuijiang, mixed from real spectra (USGS splib07 spruce, jarosite-bearing tailings and turbid water; earthlib red soil and road) over a river, tailings ponds, a town, forest and fields, with sensor noise at the given SNR and optional outlier pixels.

Outputs: the scene (int16 reflectance x 10000), the true abundances of the five materials, the true concentrations of Pb, Cd, Cr, Hg, As, Cu, Zn and Ni (mg/kg), and 53 soil samples (WGS 84 points, grid plus random design) holding the true values at their pixels.
The same seed gives the same files. The model is documented in the plugin&apos;s algorithms/core/scene_simulation.py.

Pollution-source detection (DETECTION_SAMPLES above 0): the scene gains an industrial site (a compound of roofs and yards, 180-270 m a side, away from the mine and the town) and Cd follows the three sources: a geogenic background (median 0.13 mg/kg) plus 1.5 mg/kg at the tailings ponds falling by e every 300 m, 1.2 mg/kg at the industrial site (200 m) and 0.5 mg/kg at the town (150 m), so whether a soil is polluted depends on what lies around it more than on its own spectrum (the concentrations&apos; Cd band holds it). That many sampling points (half spread over the land, half drawn towards the sources) get the fields id, region (nearest source: mine, industrial site or town), Cd (mg/kg), contaminated (1 above 0.3 mg/kg, GB 15618-2018&apos;s risk-screening value for acid soils) and distance_m (to the nearest source). Train &apos;Train pollution-source detector (SI-LICNet)&apos; on them. With 0 (the default) the scene is the classic one, unchanged.</source>
        <translation>创建一个已知真值的矿区高分五号 AHSI【模拟】场景，用于试用和测试 PCCEE 流程：330 个波段（VNIR 390-1029 nm，SWIR 1004-2513 nm），30 m 分辨率，位于冷水江附近的 UTM 49N，由真实光谱（USGS splib07 云杉、含黄钾铁矾的尾矿和浑浊水体；earthlib 红壤和道路）混合而成，地物包括河流、尾矿库、城镇、森林和农田，并按给定信噪比加入传感器噪声，可选加入异常像元。

输出：场景（int16 反射率 x 10000）、五种物质的真实丰度、Pb、Cd、Cr、Hg、As、Cu、Zn 和 Ni 的真实含量（mg/kg），以及 53 个土壤样点（WGS 84 点，网格加随机布设），记录其所在像元的真实值。
相同的随机种子生成相同的文件。模型说明见插件的 algorithms/core/scene_simulation.py。

污染源检测（DETECTION_SAMPLES 大于 0）：场景中增加一个工业场地（由屋顶和场院组成的厂区，边长 180-270 m，远离矿区和城镇），Cd 由三个污染源决定：地质背景（中位数 0.13 mg/kg），加上尾矿库处 1.5 mg/kg（每 300 m 衰减为原来的 1/e）、工业场地处 1.2 mg/kg（200 m）和城镇处 0.5 mg/kg（150 m）；因此土壤是否受污染更多取决于其周围的地物，而不是其自身的光谱（含量栅格的 Cd 波段记录了该分布）。生成该数量的采样点（一半散布于整个区域，一半向污染源集中），带有字段 id、region（最近的污染源：矿区、工业场地或城镇）、Cd（mg/kg）、contaminated（高于 0.3 mg/kg 为 1，即 GB 15618-2018 对酸性土壤的风险筛选值）和 distance_m（到最近污染源的距离）。可用这些点运行“训练污染源检测器（SI-LICNet）”。为 0（默认）时场景为经典场景，保持不变。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="78"/>
        <source>Labelled points for source detection (0 = none)</source>
        <translation>用于污染源检测的带标签样点数（0 = 不生成）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="88"/>
        <source>Simulated labelled points (detection)</source>
        <translation>模拟带标签样点（污染源检测）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="138"/>
        <source>Industrial site at {}; {} labelled sampling points for source detection.</source>
        <translation>工业场地位于 {}；用于污染源检测的带标签采样点 {} 个。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/create_sample_scene.py" line="141"/>
        <source>No labelled sampling points are written: DETECTION_SAMPLES is 0.</source>
        <translation>未写出带标签采样点：DETECTION_SAMPLES 为 0。</translation>
    </message>
</context>
<context>
    <name>DetectSources</name>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="33"/>
        <source>Map pollution sources</source>
        <translation>污染源制图</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="36"/>
        <source>Applies a detector from &apos;Train pollution-source detector (SI-LICNet)&apos; to a raster with the same bands (the scene it was trained on, or another one of the same sensor and processing).

OUTPUT: the probability that the soil at each pixel is contaminated, the network applied to the patch centred there (computed for a whole block at once, exactly; pixels near the edge see the scene&apos;s mean beyond it). The model&apos;s decision threshold is in the raster&apos;s metadata.
OUTPUT_SENSITIVITY: occlusion sensitivity (Zeiler and Fergus 2014), as the SI-LICNet paper explains its model: a WINDOW x WINDOW square (0 = a quarter of the patch) is masked at every STRIDE pixels (0 = the window), its pixels replaced by the mean of the uncontaminated training samples (as if clean land were there), and the mean drop of the predicted probability of the patches centred around it (those centred inside it left out) is written on its cell: what the area does to the land around it, as a pollution source does. Positive where the predictions rely on the area, near 0 where it does not matter, negative where masking it raises them. MEASURE (advanced): the drop of the probability (the default), or of the log-odds, which keeps showing the inside of large sources where the probability stays at 1 whatever is masked. Smaller windows and strides give finer maps at a higher cost (one network run per window).
The raster must have the model&apos;s bands: the same number, and the same wavelengths when both have them; anything else is refused. Only model files written by this plugin are read (plain arrays, JSON header, digest; nothing is unpickled).</source>
        <translation>把“训练污染源检测器（SI-LICNet）”得到的检测器应用到波段相同的栅格上（训练所用的场景，或同一传感器、同样处理的其他场景）。

OUTPUT：每个像元处土壤受污染的概率，即网络应用于以该像元为中心的影像块的结果（整块一次精确计算；靠近边缘的像元，边缘之外按场景均值处理）。模型的判别阈值记录在栅格的元数据中。
OUTPUT_SENSITIVITY：遮挡敏感性（Zeiler and Fergus 2014），与 SI-LICNet 论文解释其模型的方法相同：每隔 STRIDE 个像元（0 = 窗口大小）遮挡一个 WINDOW x WINDOW 的方块（0 = 影像块的四分之一），其像元替换为未污染训练样点的均值（仿佛那里是清洁土地），并把中心位于其周围的影像块（中心落在方块内的除外）预测概率的平均下降值写入该方块：即该区域对其周围土地的影响，正如污染源那样。预测依赖该区域处为正值，无关紧要处接近 0，遮挡后预测反而升高处为负值。MEASURE（高级）：概率的下降（默认），或对数几率（log-odds）的下降——在大型污染源内部，无论遮挡什么概率都保持为 1，后者仍能显示其内部。窗口和步长越小，图越精细，但计算量越大（每个窗口运行一次网络）。
栅格必须具有模型的波段：波段数相同，两者都有波长时波长也相同；否则拒绝运行。只读取本插件写出的模型文件（纯数组、JSON 文件头、摘要；不反序列化（unpickle）任何内容）。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="57"/>
        <source>Raster with the bands the detector was trained on</source>
        <translation>与检测器训练时波段相同的栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="59"/>
        <source>Trained detector (.npz)</source>
        <translation>训练好的检测器（.npz）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="60"/>
        <source>Occluding window, pixels (0 = a quarter of the patch)</source>
        <translation>遮挡窗口，像元数（0 = 影像块的四分之一）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="63"/>
        <source>Occluding stride (pixels; 0 = the window)</source>
        <translation>遮挡步长（像元数；0 = 窗口大小）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="66"/>
        <source>Sensitivity measures the drop of</source>
        <translation>敏感性度量的下降量</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="66"/>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="66"/>
        <source>Log-odds</source>
        <translation>对数几率（log-odds）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="138"/>
        <source>Probability of contamination</source>
        <translation>污染概率</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="140"/>
        <source>Occlusion sensitivity</source>
        <translation>遮挡敏感性</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="80"/>
        <source>{} Give a model written by &apos;Train pollution-source detector&apos; (train it again if needed).</source>
        <translation>{} 请提供由“训练污染源检测器（SI-LICNet）”写出的模型（必要时重新训练）。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="87"/>
        <source>a window of {0} pixels is larger than the model&apos;s patch ({1} x {1}): give {1} or less.</source>
        <translation>{0} 个像元的窗口大于模型的影像块（{1} x {1}）：请设为 {1} 或更小。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="103"/>
        <source>Patch {0} x {0}; occluding window {1} x {1} every {2} pixels.</source>
        <translation>影像块 {0} x {0}；遮挡窗口 {1} x {1}，步长 {2} 个像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="136"/>
        <source>the raster has no valid pixel (all nodata, NaN or zero): there is nothing to map. Check its nodata value and its bands.</source>
        <translation>栅格没有有效像元（全部为 nodata、NaN 或 0）：没有可制图的内容。请检查其 nodata 值和波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="182"/>
        <source>the detector was trained on a raster of {} bands ({}), but this one has {}. Give a raster with the same bands in the same order (the scene, or the abundances, the detector was trained on).</source>
        <translation>检测器是在 {} 个波段（{}）的栅格上训练的，而此栅格有 {} 个波段。请提供波段相同、顺序相同的栅格（即训练检测器所用的场景或丰度）。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="191"/>
        <source>the raster&apos;s wavelengths are not the detector&apos;s: band {} is at {:.1f} nm here, {:.1f} nm in the model ({} of {} bands differ by more than {:g} nm). Give a raster of the same sensor and band selection (remove the same bad bands).</source>
        <translation>栅格的波长与检测器的不同：第 {} 个波段在此处为 {:.1f} nm，在模型中为 {:.1f} nm（{} 个波段（共 {} 个）相差超过 {:g} nm）。请提供同一传感器、相同波段选择（去除了相同坏波段）的栅格。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="198"/>
        <source>Band names differ from the detector&apos;s ({}): check that the bands are the same, in the same order.</source>
        <translation>波段名与检测器的（{}）不同：请检查波段是否相同、顺序是否一致。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/detect_sources.py" line="203"/>
        <source>The raster&apos;s pixels ({:g} x {:g}) are not the detector&apos;s ({:g} x {:g}): its patch covers another ground area.</source>
        <translation>栅格的像元大小（{:g} x {:g}）与检测器的（{:g} x {:g}）不同：其影像块覆盖的地面范围不同。</translation>
    </message>
</context>
<context>
    <name>EndmemberAblation</name>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="51"/>
        <source>Compare endmember workflows (ablation)</source>
        <translation>比较端元提取流程（消融实验）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="71"/>
        <source>Soil samples</source>
        <translation>土壤样点</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="74"/>
        <source>Workflows</source>
        <translation>流程</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="77"/>
        <source>Prior spectral library (empty: built-in)</source>
        <translation>先验光谱库（留空：内置库）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="78"/>
        <source>PPI endmembers</source>
        <translation>PPI 端元数</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="78"/>
        <source>VCA endmembers</source>
        <translation>VCA 端元数</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="78"/>
        <source>PPI skewers</source>
        <translation>PPI 随机投影向量数</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="78"/>
        <source>K (Top-K endmembers of the workflows with PS)</source>
        <translation>K（含 PS 流程的 Top-K 端元数）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="85"/>
        <source>Workflow comparison table</source>
        <translation>流程比较表</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="85"/>
        <source>Workflow comparison report</source>
        <translation>流程比较报告</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="109"/>
        <source>{}: {} endmembers, mean CV R2 {:.3f} ({}), {:.1f} s</source>
        <translation>{}：{} 个端元，交叉验证 R2 均值 {:.3f}（{}），{:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="113"/>
        <source>Best mean CV R2: {} ({:.3f}).</source>
        <translation>交叉验证 R2 均值最高：{}（{:.3f}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="115"/>
        <source>NNLS unmixing; Random Forest of {} trees, {} folds, seed {}; Top-K = {} for the workflows with PS.</source>
        <translation>NNLS 解混；随机森林 {} 棵树，{} 折，随机种子 {}；含 PS 的流程 Top-K = {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluation/endmember_ablation.py" line="54"/>
        <source>The ablation of the paper&apos;s Table 1. PPI, VCA and the prior-library SAM (PS) each run once on the raster; then each workflow (PPI, PPI+VCA, PPI+PS, VCA, VCA+PS, PS, PPI+VCA+PS) builds its endmember library, unmixes the raster with NNLS, and a Random Forest per metal is cross-validated on the abundances at the soil samples, with the same seed and folds for every workflow.

Libraries: without PS, all the candidates of the workflow (merged, a pixel found twice kept once): there is no prior to rank them. With PS, the candidates and the prior-matched pixels go through the Top-K optimisation (K, one per prior class, refined on the raster), as in the PCCEE workflow; a workflow whose candidates match fewer classes keeps fewer (the table says how many).
Outputs: a table (per workflow: number of endmembers, CV R2 per metal and their mean, seconds) and an HTML report with a grouped bar chart. Seconds: the extractions the workflow uses, its selection, unmixing and cross-validation; the full-scene concentration maps are not drawn. Each row equals running the steps one by one with &apos;Invert metal concentrations&apos; on the same settings.
Remove bad bands first.</source>
        <translation>论文表 1 的消融实验。PPI、VCA 和先验光谱库 SAM（PS）在栅格上各运行一次；然后每个流程（PPI、PPI+VCA、PPI+PS、VCA、VCA+PS、PS、PPI+VCA+PS）构建自己的端元库，用 NNLS 解混栅格，并在土壤样点处的丰度上逐个重金属对随机森林做交叉验证，所有流程使用相同的随机种子和分折。

端元库：不含 PS 时，保留该流程的全部候选端元（合并，同一像元只保留一次）：没有先验可用于排序。含 PS 时，候选端元与先验匹配像元一起经过 Top-K 优化（K，每个先验类别一个，并在栅格上精化），与 PCCEE 流程相同；候选端元匹配的类别较少时保留较少端元（表中给出数量）。
输出：一张表（每个流程：端元数、每种重金属的交叉验证 R2 及其均值、秒数）和一份带分组柱状图的 HTML 报告。秒数：该流程用到的提取、筛选、解混和交叉验证；不绘制全景含量图。每一行与在相同设置下用“重金属含量反演”逐步运行的结果相同。
请先去除坏波段。</translation>
    </message>
</context>
<context>
    <name>EndmemberExtraction</name>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="41"/>
        <source>Number of endmembers</source>
        <translation>端元数</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="47"/>
        <source>{} endmembers</source>
        <translation>{} 端元</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="54"/>
        <source>the raster has a single band; endmember extraction needs a multi- or hyperspectral raster.</source>
        <translation>栅格只有一个波段；端元提取需要多光谱或高光谱栅格。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="99"/>
        <source>the raster has no valid pixel (all nodata, NaN or zero in at least one band). If some bands are empty, remove them first with &apos;Remove bad bands&apos;.</source>
        <translation>栅格没有有效像元（至少一个波段为 nodata、NaN 或 0）。如果某些波段为空，请先用“去除坏波段”去除。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="103"/>
        <source>{} endmembers were asked for but the raster has only {} valid pixels.</source>
        <translation>要求 {} 个端元，但栅格只有 {} 个有效像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="116"/>
        <source>{}: row {}, col {}, score {:g}</source>
        <translation>{}：行 {}，列 {}，得分 {:g}</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="92"/>
        <source>all {} valid pixels hold the same spectrum: there are no endmembers to find. Give a scene with several materials (check that the raster is not a constant fill).</source>
        <translation>全部 {} 个有效像元的光谱都相同：找不到端元。请提供包含多种物质的场景（并检查栅格是否为常数填充）。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/endmember_extraction.py" line="84"/>
        <source>Principal components of this scene computed earlier in the session.</source>
        <translation>本会话中先前为该场景计算的主成分。</translation>
    </message>
</context>
<context>
    <name>ExtractEndmembersPpi</name>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="37"/>
        <source>Extract endmembers (PPI)</source>
        <translation>端元提取（PPI）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="64"/>
        <source>Number of skewers (random projections)</source>
        <translation>随机投影向量数（skewers）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="73"/>
        <source>Support angle for neighbours (degrees)</source>
        <translation>邻域支持角（度）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="73"/>
        <source>Separation angle between endmembers (degrees)</source>
        <translation>端元间最小分离角（度）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="80"/>
        <source>PPI counts</source>
        <translation>PPI 计数</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="93"/>
        <source>PPI with {} skewers on {}.</source>
        <translation>PPI：{} 个随机投影向量，运行于 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="99"/>
        <source>Projected on {} principal components ({:.2%} of the variance).</source>
        <translation>投影到 {} 个主成分（占方差的 {:.2%}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="135"/>
        <source>Spatial filter: dropped isolated pixel at row {}, col {} (PPI count {}).</source>
        <translation>空间滤波：剔除第 {} 行、第 {} 列的孤立像元（PPI 计数 {}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="67"/>
        <source>Principal components first (0 = full spectra)</source>
        <translation>先投影的主成分数（0 = 全光谱）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="70"/>
        <source>Drop isolated outliers, keep endmembers apart</source>
        <translation>剔除孤立异常点，端元保持间隔</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="143"/>
        <source>Fewer than {} candidates lie {:g} degrees apart (the extremes of a large scene gather on few materials): endmembers kept {:g} degrees apart instead.</source>
        <translation>少于 {} 个候选端元彼此相隔 {:g} 度（大场景的极值集中在少数几种物质上）：改为保留相隔 {:g} 度的端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="147"/>
        <source>Only {} distinct materials among the {} PPI candidates, even {:g} degrees apart: {} more endmembers are the next pixels by count, {:g} pixels from the others (purer or other pixels of materials already found).</source>
        <translation>只有 {} 种不同物质（在 {} 个 PPI 候选中，即使相隔 {:g} 度）：另外 {} 个端元取按计数排序的后续像元，与其他端元相距 {:g} 个像元（已找到物质的更纯像元或其他像元）。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="152"/>
        <source>Only {} endmembers (asked for {}): only {} pixels passed the spatial filter; add skewers.</source>
        <translation>只得到 {} 个端元（要求 {} 个）：只有 {} 个像元通过了空间滤波；请增加随机投影向量。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="40"/>
        <source>Pixel Purity Index: projects every pixel on SKEWERS random directions (isotropic unit vectors) and counts how often each pixel is the extreme; the purest pixels are counted most. Runs on the GPU with CuPy when one is present (DEVICE), otherwise on the CPU, block by block.

Spatial filter (PCCEE): a candidate must have at least 2 of its 8 neighbours within the support angle (isolated hot or saturated pixels are dropped), and kept endmembers must differ by the separation angle and lie 3 pixels apart, so ten endmembers are not ten pixels of one field. A neighbour supports a candidate within the support angle or within twice that neighbour&apos;s own pixel-to-pixel variation (noisy water), so a hot pixel at a field edge is dropped and a narrow river&apos;s water is kept. On a large scene the extremes gather on few materials: when fewer than ENDMEMBERS candidates lie the separation angle apart, it is halved (down to an eighth), then the rest is filled with the next pixels by count, 3 pixels from the others; the log says which.
Reduce (default 30): the pixels are projected on their first 30 principal components before the skewers, as ENVI&apos;s PPI runs on MNF components: the extremes of the signal are the same, the noise of the other bands is left out, and a full GF-5 scene takes minutes instead of a quarter of an hour. 0 projects the full spectra, as the paper does; a scene with no more bands than that is projected whole.
Outputs: the endmember library (score = PPI count, spectra from the original bands) and a raster of PPI counts. Remove bad bands first: noisy water-vapour bands add noise to the counts.

Reference: Boardman, Kruse and Green (1995), Mapping target signatures via partial unmixing of AVIRIS data, JPL Publication 95-1.</source>
        <translation>纯净像元指数（PPI）：把每个像元投影到 SKEWERS 个随机方向（各向同性单位向量）上，统计每个像元成为极值的次数；越纯的像元计数越多。有 GPU 时用 CuPy 在 GPU 上运行（DEVICE），否则在 CPU 上逐块运行。

空间滤波（PCCEE）：候选端元的 8 个邻域像元中至少有 2 个在支持角之内（剔除孤立的热点或饱和像元），保留的端元之间至少相差分离角且相距 3 个像元，避免十个端元都来自同一块田地。邻域像元与候选端元的夹角在支持角之内，或在该邻域像元自身像元间变化的两倍之内（噪声较大的水体）时，即支持该候选端元；因此田块边缘的热点像元会被剔除，而窄河流的水体会被保留。大场景中的极值会集中在少数几种物质上：相隔分离角的候选端元少于 ENDMEMBERS 个时，分离角减半（最多减至八分之一），然后按计数用后续像元补足其余端元，与其他端元相距 3 个像元；日志会说明是哪些。
降维（默认 30）：像元先投影到前 30 个主成分上再投影到随机方向，与 ENVI 的 PPI 在 MNF 分量上运行相同：信号的极值不变，其余波段的噪声被排除，整景 GF-5 影像只需几分钟而不是一刻钟。0 表示投影全光谱，与论文一致；波段数不多于该值的场景投影全部波段。
输出：端元库（得分 = PPI 计数，光谱取自原始波段）和 PPI 计数栅格。请先去除坏波段：含噪声的水汽波段会给计数带来噪声。

参考文献：Boardman, Kruse and Green (1995), Mapping target signatures via partial unmixing of AVIRIS data, JPL Publication 95-1.</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_ppi.py" line="88"/>
        <source>{} components asked for and the raster has {} bands: the full spectra are projected.</source>
        <translation>要求 {} 个主成分，而栅格有 {} 个波段：投影全光谱。</translation>
    </message>
</context>
<context>
    <name>ExtractEndmembersVca</name>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="25"/>
        <source>Extract endmembers (VCA)</source>
        <translation>端元提取（VCA）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="44"/>
        <source>Variance kept by PCA (fraction)</source>
        <translation>PCA 保留的方差比例</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="57"/>
        <source>VCA finds at most bands + 1 = {} endmembers.</source>
        <translation>VCA 最多提取 波段数 + 1 = {} 个端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="63"/>
        <source>PCA: {} components hold {:.2%} of the variance.</source>
        <translation>PCA：{} 个主成分占方差的 {:.2%}。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="75"/>
        <source>Large scene: the reduced pixels are re-read for each vertex.</source>
        <translation>大场景：每个顶点都重新读取降维后的像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="83"/>
        <source>VCA found only {} distinct vertices (asked for {}): the scene&apos;s spectra span {} dimensions. The library holds those {}.</source>
        <translation>VCA 只找到 {} 个不同的顶点（要求 {} 个）：场景光谱只张成 {} 维空间。端元库中保存这 {} 个端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="28"/>
        <source>Vertex Component Analysis: removes the mean, projects the pixels on the principal components that hold VARIANCE of the variance (at least ENDMEMBERS - 1 of them), and finds the vertices of the data simplex one by one, each the pixel with the largest projection on a random direction orthogonal to the vertices found before. Good at medium-purity endmembers (vegetated soils), complementing PPI. The scene is streamed block by block.
Robust vertices (TAIL, default 25): of the TAIL pixels with the largest projection, the vertex is the most typical one (the smallest spectral angle to their band-wise median), not the single most extreme, which is often noise or an isolated outlier pixel (on Jasper Ridge, 4 endmembers, seeds 1-3: mean angle to the ground truth 7.6 degrees instead of 9.4). TAIL = 1 is the paper&apos;s rule.

Output: the endmember library (spectra from the original bands, score = order found).

Reference: Nascimento and Bioucas-Dias (2005), Vertex component analysis: a fast algorithm to unmix hyperspectral data, IEEE TGRS 43(4), 898-910.</source>
        <translation>顶点成分分析（VCA）：去均值后，把像元投影到占方差 VARIANCE 的主成分上（至少 ENDMEMBERS - 1 个），逐个寻找数据单形体的顶点，每个顶点是在与已找到顶点正交的随机方向上投影最大的像元。擅长提取中等纯度的端元（有植被覆盖的土壤），与 PPI 互补。场景逐块流式处理。
鲁棒顶点（TAIL，默认 25）：在投影最大的 TAIL 个像元中，取最典型者（与它们的逐波段中位数光谱角最小的像元）作为顶点，而不是单个最极端的像元——后者往往是噪声或孤立的异常像元（Jasper Ridge，4 个端元，随机种子 1-3：与真值的平均光谱角为 7.6 度，而不是 9.4 度）。TAIL = 1 即论文的规则。

输出：端元库（光谱取自原始波段，得分 = 找到的顺序）。

参考文献：Nascimento and Bioucas-Dias (2005), Vertex component analysis: a fast algorithm to unmix hyperspectral data, IEEE TGRS 43(4), 898-910.</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="47"/>
        <source>Pixels per vertex (1 = the paper&apos;s single extreme)</source>
        <translation>每个顶点的候选像元数（1 = 论文的单个极值像元）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/extract_endmembers_vca.py" line="98"/>
        <source>VCA vertex: the most extreme pixel (row {}, col {}) is {:.1f} degrees from the typical one of the {} most extreme; kept row {}, col {}.</source>
        <translation>VCA 顶点：最极端的像元（第 {} 行、第 {} 列）与典型像元相距 {:.1f} 度（典型像元取自最极端的 {} 个像元）；保留第 {} 行、第 {} 列。</translation>
    </message>
</context>
<context>
    <name>ImportSpectralLibrary</name>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="20"/>
        <source>Import spectral library</source>
        <translation>导入光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="24"/>
        <source>Reads a spectral library file and writes it as a library layer: one feature per spectrum with fields name, source, class, row, col, score and the spectrum in &apos;profiles&apos; (EnMAP-Box JSON profile: wavelengths in nm and values), ready for prior-library matching.

Input: an ENVI spectral library (.sli with its .hdr; classes are taken from a CSV with the same base name when present, as earthlib ships) or a CSV with one row per spectrum, columns named by wavelength (450.2 or 450.2 nm) and optional name, class, source columns.
Class column: which metadata column names the class (default: &apos;class&apos;, or earthlib&apos;s LEVEL_3).

Reference: ENVI spectral library format, NV5 Geospatial; EnMAP-Box spectral profiles.</source>
        <translation>读取光谱库文件并写成光谱库图层：每条光谱一个要素，字段包括 name、source、class、row、col、score，光谱存于 'profiles'（EnMAP-Box JSON 光谱：波长 nm 和数值），可直接用于先验光谱库匹配。

输入：ENVI 光谱库（.sli 及其 .hdr；若存在同名 CSV，则从中读取类别，earthlib 即如此提供）或 CSV，每行一条光谱，列名为波长（450.2 或 450.2 nm），可选 name、class、source 列。
类别列：元数据中哪一列表示类别（默认：'class'，或 earthlib 的 LEVEL_3）。

参考：ENVI 光谱库格式，NV5 Geospatial；EnMAP-Box 光谱。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="35"/>
        <source>Spectral library file (.sli, .hdr or .csv)</source>
        <translation>光谱库文件（.sli、.hdr 或 .csv）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="35"/>
        <source>Spectral libraries (*.sli *.hdr *.csv *.SLI *.HDR *.CSV)</source>
        <translation>光谱库 (*.sli *.hdr *.csv *.SLI *.HDR *.CSV)</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="38"/>
        <source>Class column in the metadata</source>
        <translation>元数据中的类别列</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="40"/>
        <source>Spectral library</source>
        <translation>光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="49"/>
        <source>file not found: {}</source>
        <translation>找不到文件：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="53"/>
        <source>The library has no wavelengths: it cannot be resampled to an image&apos;s bands until they are added.</source>
        <translation>光谱库没有波长信息：在补充波长之前，无法重采样到影像波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/import_spectral_library.py" line="55"/>
        <source>{} spectra of {} values read from {}.</source>
        <translation>从 {2} 读取了 {0} 条光谱，每条 {1} 个值。</translation>
    </message>
</context>
<context>
    <name>InvertMetals</name>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="81"/>
        <source>Invert metal concentrations (Random Forest)</source>
        <translation>重金属含量反演（随机森林）</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="105"/>
        <source>Abundances (or other predictors)</source>
        <translation>丰度（或其他预测变量）</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="106"/>
        <source>Soil samples</source>
        <translation>土壤样点</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="112"/>
        <source>Cross-validated metrics</source>
        <translation>交叉验证精度指标</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="112"/>
        <source>Inversion report</source>
        <translation>反演报告</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="113"/>
        <source>Trained model</source>
        <translation>训练好的模型</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="113"/>
        <source>PCCEE model (*.npz)</source>
        <translation>PCCEE 模型 (*.npz)</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="137"/>
        <source>{}: n = {}, CV R2 = {:.3f}, RMSE = {:.4g}, RPD = {:.2f} ({}), training R2 = {:.3f}</source>
        <translation>{}：n = {}，交叉验证 R2 = {:.3f}，RMSE = {:.4g}，RPD = {:.2f}（{}），训练 R2 = {:.3f}</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="118"/>
        <source>poor</source>
        <translation>差</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="118"/>
        <source>acceptable</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="118"/>
        <source>good</source>
        <translation>好</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="119"/>
        <source>excellent</source>
        <translation>很好</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/invert_metals.py" line="84"/>
        <source>Trains one Random Forest per metal from the abundances (any raster bands) at the soil samples, reports cross-validated R2, RMSE and RPD (out-of-fold predictions, never the training fit; RPD below 1.4 poor, 1.4-2.0 acceptable, 2.0-2.5 good, above 2.5 excellent) beside the training R2, and maps the concentrations over the whole scene with their uncertainty (the spread of the trees).

Samples in any CRS are reprojected to the raster&apos;s; samples outside the raster, on nodata, or without a numeric value for a metal (negative and infinite values included: they are no concentrations) are left out for that metal and listed in the log and report. A text field with values that are not numbers (&apos;n.d.&apos;, or a detection limit written with a less-than sign) is refused rather than thinned.
Folds: 0 = leave-one-out. CV: random folds, or spatial blocks of the given size (map units) so that neighbouring samples never validate each other.
The model file (.npz of plain arrays with a digest, no pickled code) is applied to other scenes by &apos;Predict metal concentrations&apos;. The maps are computed on the GPU with CuPy when one is present (DEVICE, advanced); the forests are trained on the CPU.
The report sets each metal&apos;s map against China&apos;s risk screening values for agricultural soil (GB 15618-2018, by soil pH and land use; without a pH, the strictest class): the share of the mapped area above them.

References: Breiman (2001), Random forests, Machine Learning 45; GB 15618-2018, Soil environmental quality - Risk control standard for soil contamination of agricultural land.</source>
        <translation>用土壤样点处的丰度（任意栅格波段）为每种重金属训练一个随机森林，报告交叉验证的 R2、RMSE 和 RPD（基于折外预测，而非训练拟合；RPD 低于 1.4 差，1.4-2.0 可用，2.0-2.5 好，高于 2.5 很好）以及训练 R2，并绘制全景含量图及其不确定性（各树预测的离散度）。

任意坐标系的样点都会重投影到栅格的坐标系；位于栅格之外、落在 nodata 上或某种重金属没有数值（包括负值和无穷值：它们不是含量）的样点，对该重金属不参与计算，并在日志和报告中列出。含有非数字值（'n.d.'，或用小于号表示的检出限）的文本字段会被拒绝，而不是剔除这些值后继续计算。
折数：0 = 留一法。交叉验证：随机分折，或按给定大小（地图单位）空间分块，使相邻样点不会互相验证。
模型文件（带摘要的纯数组 .npz，不含序列化代码）可用“预测重金属含量”应用到其他场景。有 GPU 时用 CuPy 在 GPU 上计算含量图（DEVICE，高级参数）；随机森林在 CPU 上训练。
报告把每种重金属的含量图与中国农用地土壤风险筛选值（GB 15618-2018，按土壤 pH 和土地利用类型；无 pH 时取最严格的类别）对比：给出制图区域中超过筛选值的面积比例。

参考文献：Breiman (2001), Random forests, Machine Learning 45；GB 15618-2018《土壤环境质量 农用地土壤污染风险管控标准（试行）》。</translation>
    </message>
</context>
<context>
    <name>MatchPriorLibrary</name>
    <message>
        <location filename="../algorithms/endmembers/match_prior_library.py" line="24"/>
        <source>Match prior spectral library (SAM)</source>
        <translation>先验光谱库匹配（SAM）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/match_prior_library.py" line="28"/>
        <source>Resamples each reference spectrum of a prior library to the image&apos;s wavelengths (linear interpolation) and takes the pixel with the smallest spectral angle to it as an endmember: the physical constraint of PCCEE. A reference measured over part of the image&apos;s range is compared on the bands it covers (the log says which); one with no overlap is refused.

Library: a library layer, a file (.sli, .hdr, .csv), or, when both are empty, the built-in library of measured vegetation, urban, mining-soil and water spectra (USGS splib07, earthlib).
Outputs: one endmember per reference (source PRIOR, class copied, score = angle in degrees) and a raster with the angle of every pixel to every reference.

Reference: Kruse et al. (1993), The spectral image processing system (SIPS), Remote Sensing of Environment 44, 145-163.</source>
        <translation>把先验光谱库中的每条参考光谱重采样到影像波长（线性插值），并取与其光谱角最小的像元作为端元：这就是 PCCEE 的物理约束。只覆盖影像部分波长范围的参考光谱在其覆盖的波段上比较（日志中说明是哪些波段）；完全不重叠的会被拒绝。

光谱库：光谱库图层、文件（.sli、.hdr、.csv），或两者都为空时使用内置库（实测植被、城市、矿区土壤和水体光谱，来自 USGS splib07 和 earthlib）。
输出：每条参考光谱一个端元（source 为 PRIOR，复制类别，得分 = 光谱角，单位度），以及每个像元与每条参考光谱的光谱角栅格。

参考文献：Kruse et al. (1993), The spectral image processing system (SIPS), Remote Sensing of Environment 44, 145-163.</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/match_prior_library.py" line="42"/>
        <source>Prior spectral library (empty: built-in)</source>
        <translation>先验光谱库（留空：内置库）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/match_prior_library.py" line="43"/>
        <source>Prior-matched endmembers</source>
        <translation>先验匹配端元</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/match_prior_library.py" line="45"/>
        <source>Spectral angle to each reference</source>
        <translation>与各参考光谱的光谱角</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/match_prior_library.py" line="56"/>
        <source>the raster has no valid pixel to match.</source>
        <translation>栅格没有可匹配的有效像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/match_prior_library.py" line="63"/>
        <source>{} ({}): row {}, col {}, {:.2f} degrees</source>
        <translation>{}（{}）：行 {}，列 {}，{:.2f} 度</translation>
    </message>
</context>
<context>
    <name>MergeEndmembers</name>
    <message>
        <location filename="../algorithms/endmembers/merge_endmembers.py" line="15"/>
        <source>Merge endmember libraries</source>
        <translation>合并端元光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/merge_endmembers.py" line="18"/>
        <source>Pools endmember libraries (PPI, VCA, prior matching, lab spectra) into one library for unmixing, keeping every spectrum: no prior ranking, unlike &apos;Select Top-K endmembers&apos;. A pixel found by several methods is kept once. Libraries on other wavelength grids are resampled to the first library&apos;s.</source>
        <translation>把多个端元库（PPI、VCA、先验匹配、实验室光谱）合并为一个用于解混的端元库，保留每一条光谱：不按先验排序，这一点与“选择 Top-K 端元”不同。被多种方法找到的同一像元只保留一次。波长网格不同的光谱库会重采样到第一个光谱库的波长。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/merge_endmembers.py" line="25"/>
        <source>Endmember libraries</source>
        <translation>端元光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/merge_endmembers.py" line="27"/>
        <source>Merged endmembers</source>
        <translation>合并后的端元</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/merge_endmembers.py" line="32"/>
        <source>{} endmembers in the merged library.</source>
        <translation>合并后的光谱库含 {} 个端元。</translation>
    </message>
</context>
<context>
    <name>PcceeAlgorithm</name>
    <message>
        <location filename="../algorithms/base.py" line="127"/>
        <source>{} ({}): {}</source>
        <translation>{}（{}）：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="174"/>
        <source>not a raster layer QGIS can open. Choose a raster file (GeoTIFF, ENVI, VRT).</source>
        <translation>不是 QGIS 能打开的栅格图层。请选择栅格文件（GeoTIFF、ENVI、VRT）。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="177"/>
        <source>only file rasters read by GDAL are supported, not &apos;{}&apos; layers. Save the layer as GeoTIFF first.</source>
        <translation>只支持由 GDAL 读取的文件栅格，不支持“{}”图层。请先把图层保存为 GeoTIFF。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="230"/>
        <source>Wavelengths: {} values given by the user.</source>
        <translation>波长：用户提供的 {} 个值。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="243"/>
        <source>Wavelengths: {:.1f}-{:.1f} nm from the {}.</source>
        <translation>波长：{:.1f}-{:.1f} nm，来自 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="247"/>
        <source>the raster &apos;{}&apos; has no band wavelengths in its metadata or band names. Give one wavelength per band ({} values) or the path of a text file holding them.</source>
        <translation>栅格“{}”的元数据和波段名中都没有波长信息。请为每个波段给出一个波长（{} 个值），或给出包含波长的文本文件路径。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="268"/>
        <source>{} Choose another output file.</source>
        <translation>{} 请选择其他输出文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="168"/>
        <source>Cancelled; no output was written.</source>
        <translation>已取消；未写出任何输出。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="35"/>
        <source>Sample data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="36"/>
        <source>Spectral libraries</source>
        <translation>光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="37"/>
        <source>Preparation</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="38"/>
        <source>Endmember extraction</source>
        <translation>端元提取</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="39"/>
        <source>Unmixing</source>
        <translation>混合像元分解</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="40"/>
        <source>Inversion</source>
        <translation>反演</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="41"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="234"/>
        <source>GDAL IMAGERY metadata</source>
        <translation>GDAL IMAGERY 元数据</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="235"/>
        <source>ENVI header &apos;wavelength&apos;</source>
        <translation>ENVI 头文件的 wavelength 字段</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="236"/>
        <source>band descriptions</source>
        <translation>波段描述</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="42"/>
        <source>Evaluation (the paper&apos;s tables)</source>
        <translation>评估（论文中的表格）</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="97"/>
        <source>Interrupted by {}; no output was written.</source>
        <translation>被 {} 中断；未写出任何输出。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="147"/>
        <source>This needs {0}: on Debian or Ubuntu, sudo apt install {1}; elsewhere, pip install {0} into the Python that QGIS uses.</source>
        <translation>需要 {0}：在 Debian 或 Ubuntu 上运行 sudo apt install {1}；其他系统请用 pip install {0} 安装到 QGIS 使用的 Python 中。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="191"/>
        <source>Hyperspectral raster</source>
        <translation>高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="196"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="203"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="223"/>
        <source>cannot read &apos;{}&apos; as text ({}). Give a UTF-8 text file with one wavelength per band, or the list itself.</source>
        <translation>无法将“{}”作为文本读取（{}）。请提供每个波段一个波长的 UTF-8 文本文件，或直接给出波长列表。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="240"/>
        <source>the wavelengths in the raster&apos;s {} are wrong: {} Give the right ones here; they replace the file&apos;s.</source>
        <translation>栅格中的波长（来源：{}）有误：{} 请在此处给出正确的波长，它们将取代文件中的波长。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="43"/>
        <source>Pollution-source detection (SI-LICNet)</source>
        <translation>污染源检测（SI-LICNet）</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="208"/>
        <source>Wavelengths (nm) if the raster has none</source>
        <translation>波长（nm），栅格没有波长时填写</translation>
    </message>
</context>
<context>
    <name>PcceeProvider</name>
    <message>
        <location filename="../algorithms/provider.py" line="61"/>
        <source>PCCEE heavy-metal mapping</source>
        <translation>PCCEE 重金属制图</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="64"/>
        <source>PCCEE: physically-constrained endmember extraction and heavy-metal inversion</source>
        <translation>PCCEE：物理约束协同端元提取与重金属反演</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="131"/>
        <source>PCCEE workflow</source>
        <translation>PCCEE 流程</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="34"/>
        <source>Workflows</source>
        <translation>流程</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Pollution zones</source>
        <translation>污染分区</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Zoning report (HTML)</source>
        <translation>分区报告（HTML）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Zone statistics (table)</source>
        <translation>分区统计（表）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Metal concentrations (mg/kg)</source>
        <translation>重金属含量（mg/kg）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Concentration uncertainty (mg/kg)</source>
        <translation>含量不确定性（mg/kg）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Inversion report (HTML)</source>
        <translation>反演报告（HTML）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Inversion metrics (table)</source>
        <translation>反演精度指标（表）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Trained inversion model</source>
        <translation>训练好的反演模型</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Metal correlation report (HTML)</source>
        <translation>重金属相关分析报告（HTML）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Metal correlation (table)</source>
        <translation>重金属相关系数（表）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Abundances (fractions 0-1)</source>
        <translation>丰度（比例 0-1）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Unmixing residual (RMSE)</source>
        <translation>解混残差（RMSE）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Top-K endmembers</source>
        <translation>Top-K 端元</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Prior-matched endmembers</source>
        <translation>先验匹配端元</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Angles to the prior spectra (degrees)</source>
        <translation>与先验光谱的夹角（度）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>VCA endmembers</source>
        <translation>VCA 端元</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>PPI endmembers</source>
        <translation>PPI 端元</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>PPI counts (purity)</source>
        <translation>PPI 计数（纯度）</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="105"/>
        <source>Scene without bad bands (true colour)</source>
        <translation>去除坏波段后的场景（真彩色）</translation>
    </message>
</context>
<context>
    <name>PredictMetals</name>
    <message>
        <location filename="../algorithms/inversion/predict_metals.py" line="15"/>
        <source>Predict metal concentrations</source>
        <translation>预测重金属含量</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/predict_metals.py" line="31"/>
        <source>Abundances (or other predictors)</source>
        <translation>丰度（或其他预测变量）</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/predict_metals.py" line="32"/>
        <source>Trained model (.npz)</source>
        <translation>训练好的模型（.npz）</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/predict_metals.py" line="43"/>
        <source>the model was trained on {} predictors ({}) but the raster has {} bands.</source>
        <translation>模型由 {} 个预测变量（{}）训练，但栅格有 {} 个波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/predict_metals.py" line="47"/>
        <source>Band names differ from the model&apos;s predictors ({}): check the order.</source>
        <translation>波段名与模型的预测变量（{}）不同：请检查顺序。</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/predict_metals.py" line="40"/>
        <source>{} Give a model written by &apos;Invert metal concentrations&apos; (train it again if needed).</source>
        <translation>{} 请提供由“重金属含量反演”写出的模型（必要时重新训练）。</translation>
    </message>
    <message>
        <location filename="../algorithms/inversion/predict_metals.py" line="18"/>
        <source>Maps metal concentrations and their uncertainty (spread of the trees) from an abundance raster with the forests saved by &apos;Invert metal concentrations&apos;. The raster must have the predictors the model was trained on, in the same order. Only model files written by this plugin are read: they hold plain arrays and a digest, and a file that is not one, or has been altered, is refused.
The digest detects accidental damage (a truncated or corrupted copy), not a determined forger, who can recompute it. A crafted file is harmless because nothing in it is unpickled or run and every tree is checked on load (children in range and below their node, leaves consistent, splits on the model&apos;s predictors, finite thresholds and values): at worst it predicts wrong values. Use model files you trust.
The maps are computed on the GPU with CuPy when one is present (DEVICE, advanced).</source>
        <translation>用“重金属含量反演”保存的随机森林，从丰度栅格绘制重金属含量及其不确定性（各树预测的离散度）。栅格必须具有训练模型时的预测变量，且顺序相同。只读取本插件写出的模型文件：文件中只有纯数组和摘要，不是这种文件或已被修改的文件会被拒绝。
摘要只能发现意外损坏（被截断或损坏的副本），防不住蓄意伪造者，因为伪造者可以重新计算摘要。精心构造的文件也不会造成危害：文件中的任何内容都不会被反序列化（unpickle）或执行，并且加载时会检查每一棵树（子节点编号在范围内且位于其父节点之下、叶节点一致、只在模型的预测变量上分裂、阈值和取值均为有限值）：最坏情况下只是预测出错误的值。请使用可信的模型文件。
有 GPU 时用 CuPy 在 GPU 上计算含量图（DEVICE，高级参数）。</translation>
    </message>
</context>
<context>
    <name>RemoveBadBands</name>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="23"/>
        <source>Remove bad bands</source>
        <translation>去除坏波段</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="42"/>
        <source>Drop water-vapour bands (1350-1450 and 1800-1950 nm)</source>
        <translation>去除水汽吸收波段（1350-1450 与 1800-1950 nm）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="48"/>
        <source>Raster without bad bands</source>
        <translation>去除坏波段后的栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="72"/>
        <source>Keeping {} of {} bands; dropped: {}.</source>
        <translation>保留 {} 个波段（共 {} 个）；去除：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="27"/>
        <source>Copies a hyperspectral raster without the bands that spoil spectral angles and unmixing: bands you list, the water-vapour absorption windows (about 1350-1450 nm and 1800-1950 nm) and bands that are constant or empty across the whole scene. Band names, wavelengths, nodata, CRS and geotransform are kept; the scene is streamed block by block.

Bad bands: 1-based numbers and ranges, such as 1-3, 108-112, 154-166; when empty, the bands an ENVI header&apos;s bad band list (bbl) marks 0.
Wavelengths: read from the raster (GDAL or ENVI metadata, or band names such as &apos;450.2 nm&apos;); give them when the raster has none.

Reference: Zhu (2017), arXiv:1708.05125, for the bands usually removed from AVIRIS scenes.</source>
        <translation>复制高光谱栅格，去除会破坏光谱角和解混的波段：你列出的波段、水汽吸收窗口（约 1350-1450 nm 和 1800-1950 nm）以及全景恒定或为空的波段。保留波段名、波长、nodata、坐标系和地理变换；场景逐块流式处理。

坏波段：从 1 开始的编号和范围，如 1-3, 108-112, 154-166；留空时，使用 ENVI 头文件坏波段列表（bbl）中标为 0 的波段。
波长：从栅格读取（GDAL 或 ENVI 元数据，或 '450.2 nm' 这样的波段名）；栅格没有波长时请手动给出。

参考文献：Zhu (2017), arXiv:1708.05125，AVIRIS 场景中通常去除的波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="65"/>
        <source>every band is constant or empty across the scene (all nodata, NaN, or one value such as 0): the raster holds no image. Check its nodata value, or give the scene itself.</source>
        <translation>所有波段在全景内都是常数或为空（全部为 nodata、NaN，或同一个值，如 0）：栅格中没有影像。请检查其 nodata 值，或提供场景本身。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="84"/>
        <source>The ENVI header&apos;s bad band list (bbl) marks {} bands as bad: {}.</source>
        <translation>ENVI 头文件的坏波段列表（bbl）将 {} 个波段标为坏波段：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="40"/>
        <source>Bad bands (1-based, e.g. 1-3, 108-112)</source>
        <translation>坏波段（从 1 开始，如 1-3, 108-112）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="45"/>
        <source>Drop constant or empty bands</source>
        <translation>去除恒定或无值的波段</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/remove_bad_bands.py" line="69"/>
        <source>{} constant or empty bands found: copying the scene again without them.</source>
        <translation>发现 {} 个恒定或无值的波段：重新复制场景并去除这些波段。</translation>
    </message>
</context>
<context>
    <name>SelectTopKEndmembers</name>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="38"/>
        <source>Select Top-K endmembers</source>
        <translation>选择 Top-K 端元</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="81"/>
        <source>Candidate endmember libraries</source>
        <translation>候选端元光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="83"/>
        <source>Prior spectral library (empty: built-in)</source>
        <translation>先验光谱库（留空：内置库）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="84"/>
        <source>K (endmembers to keep)</source>
        <translation>K（保留的端元数）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="86"/>
        <source>At most one per prior class</source>
        <translation>每个先验类别至多一个</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="100"/>
        <source>Top-K endmembers</source>
        <translation>Top-K 端元</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="119"/>
        <source>Only {} of K = {} endmembers kept: too few candidates, or they match too few prior classes.</source>
        <translation>只保留了 {} 个端元（K = {}）：候选端元太少，或它们匹配的先验类别太少。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="88"/>
        <source>Selection rule</source>
        <translation>选择规则</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="88"/>
        <source>Purity-aware: pure candidates, classes assigned jointly, the purest vertex among close matches</source>
        <translation>纯度感知：纯净候选、类别联合分配、在相近匹配中取最纯的顶点</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="88"/>
        <source>Smallest angle to the prior (the paper)</source>
        <translation>与先验光谱夹角最小（论文方法）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="91"/>
        <source>Keep fewer than K if fewer classes match</source>
        <translation>匹配的类别少于 K 时保留较少端元</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="93"/>
        <source>Largest angle of a class to its endmember (degrees)</source>
        <translation>类别与其端元的最大夹角（度）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="96"/>
        <source>Scene the candidates come from (for REFINE)</source>
        <translation>候选端元所来自的场景（用于 REFINE）</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="98"/>
        <source>Refine to the median of the pure pixels</source>
        <translation>精化为纯净像元的中位数光谱</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="123"/>
        <source>{}{} ({}): {:.2f} degrees to {}{}</source>
        <translation>{}{}（{}）：{:.2f} 度（相对于 {}）{}</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="123"/>
        <source>, purity {:.2f}</source>
        <translation>，纯度 {:.2f}</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="144"/>
        <source>K = {} but the prior library has only {} classes ({}); allow several endmembers per class or lower K.</source>
        <translation>K = {}，但先验光谱库只有 {} 个类别（{}）；请允许每个类别有多个端元，或减小 K。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="151"/>
        <source>no candidate matches any prior class ({}); add candidates or raise MAX_ANGLE.</source>
        <translation>没有候选端元匹配任何先验类别（{}）；请增加候选端元或增大 MAX_ANGLE。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="154"/>
        <source>the candidates support only {} of K = {} classes ({}); allow fewer (UP_TO_K) or lower K.</source>
        <translation>候选端元只支持 {} 个类别，少于 K = {}（{}）；请允许保留较少端元（UP_TO_K）或减小 K。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="157"/>
        <source>Prior class left out: {}.</source>
        <translation>未选用的先验类别：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="170"/>
        <source>the scene has {} bands but the candidates {}: give the scene they were extracted from.</source>
        <translation>场景有 {} 个波段，而候选端元有 {} 个：请提供提取候选端元所用的场景。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="176"/>
        <source>the raster has no valid pixel.</source>
        <translation>栅格没有有效像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="192"/>
        <source>Refined {}: median of {} pure pixels of the {} sampled, {:.1f} degrees from the pixel.</source>
        <translation>已精化 {}：{} 个纯净像元（采样 {} 个）的中位数光谱，与原像元相距 {:.1f} 度。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="194"/>
        <source>Refinement stable after {} iterations.</source>
        <translation>精化在 {} 次迭代后稳定。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="165"/>
        <source>REFINE skipped: no scene (INPUT) to take the pure pixels from; give the scene the candidates come from to refine them.</source>
        <translation>已跳过 REFINE：没有可从中选取纯净像元的场景（INPUT）；如需精化，请给出候选端元所来自的场景。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="188"/>
        <source>Kept {}: its {} pure pixels of the {} sampled lie on a mixing line (the other endmembers explain their spread), their median would be a mixture; {:.1f} degrees from the pixel.</source>
        <translation>保持 {}：其 {} 个纯净像元（采样 {} 个）位于混合线上（其他端元能解释它们的离散程度），它们的中位数会是混合光谱；与原像元相距 {:.1f} 度。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="42"/>
        <source>Pools candidate endmember libraries (PPI, VCA, prior matching; a pixel found by several methods counts once) and keeps K of them (default 4, as in the paper: soil, vegetation, urban, water), one per prior class.

Rule &apos;purity-aware&apos; (default): a candidate is pure when the other candidates do not rebuild it as a mixture of other materials (non-negative least squares: the share of its reconstruction that comes from candidates of its own material, within 10 degrees, is at least 0.9). Classes are assigned to candidates jointly (Hungarian algorithm on the spectral angles, pure candidates first), so a class is not left empty because its best candidate lies nearer another class, and a mixed pixel that happens to lie nearest a lab spectrum gives way to PPI&apos;s and VCA&apos;s pure pixels. Among candidates whose angle to a class is close to the best a (within a + min(a, 2 degrees), at least 25 %: an image-derived spectrum that matches its pixel within 0.1 degree leaves no play, a lab spectrum 4 degrees off leaves 2), the purer wins; among equally pure ones (within 0.1) the set of largest simplex volume (N-FINDR&apos;s criterion): the vertex rather than a pixel on the way to another material. A class whose best candidate is farther than MAX_ANGLE is dropped, and the log says which and why.
Rule &apos;smallest angle (paper)&apos;: every candidate is labelled with the class of its nearest prior spectrum and ranked by that angle; the K best are kept, one per class unless allowed.
UP_TO_K (default on): keep fewer than K when the candidates support fewer classes, with a warning; off, such a run fails.

REFINE (default on; it needs the scene, INPUT, and without it is skipped with a log line): each kept endmember becomes the band-wise median of its pure pixels (fully constrained abundance at least 0.8, on a sample of 50000 pixels, iterated until stable): the material as the scene holds it rather than its most extreme pixel. An endmember whose pure pixels lie on a mixing line keeps its spectrum: when the other endmembers&apos; mixing explains at least 75 % of their spread (a material with few pure pixels, such as a town among gardens or a narrow river), their median would be a mixture, not the material. An endmember left with (almost) no pure pixels, under 0.1 % of the sample, stands for no part of the scene (an isolated extreme pixel, or one whose pixels went to a neighbour): its slot goes to the next match of its class, nearest first, and the set is refined again; the log says which. On Jasper Ridge (PPI 10 + VCA 6 + the built-in prior, seeds 1-3) REFINE brings the Top-4 from 9.6 to 3.2 degrees of Zhu&apos;s ground truth on average; on the simulated scene it keeps the town and the river as they are, and the inversion loses no accuracy.

Output: the optimised library, score = angle to the prior in degrees, class = matched class.

References: the PCCEE framework (physically-constrained collaborative endmember extraction); Kuhn (1955), The Hungarian method for the assignment problem; Lawson and Hanson (1974), Solving least squares problems (NNLS); Winter (1999), N-FINDR, Proc. SPIE 3753; Somers et al. (2011), Endmember variability in spectral mixture analysis: a review, Remote Sensing of Environment 115.</source>
        <translation>合并候选端元库（PPI、VCA、先验匹配；被多种方法找到的同一像元只计一次），并从中保留 K 个（默认 4 个，与论文一致：土壤、植被、城市、水体），每个先验类别一个。

规则“纯度感知”（默认）：若其他候选端元不能把某候选端元重建为其他物质的混合，则它是纯净的（非负最小二乘：其重建中来自同一物质（10 度以内）候选端元的份额至少为 0.9）。类别与候选端元联合分配（在光谱角上用匈牙利算法，纯净候选优先），因此某类别不会因为其最佳候选更接近另一类别而空缺，恰好最接近某条实验室光谱的混合像元也会让位于 PPI 和 VCA 找到的纯净像元。在与某类别夹角接近最佳值 a 的候选端元中（a + min(a, 2 度) 以内，至少 25 %：与其像元匹配在 0.1 度以内的影像光谱没有余地，偏离 4 度的实验室光谱有 2 度余地），更纯者胜出；同样纯（相差 0.1 以内）时取单形体体积最大的组合（N-FINDR 准则）：即取顶点，而不是通往另一种物质途中的像元。最佳候选的夹角大于 MAX_ANGLE 的类别被舍弃，日志会说明是哪些类别及原因。
规则“最小夹角（论文方法）”：每个候选端元用最接近的先验光谱的类别标记，并按该夹角排序；保留最好的 K 个，除非允许，否则每个类别一个。
UP_TO_K（默认开启）：候选端元支持的类别少于 K 时保留较少端元，并给出警告；关闭时此类运行会报错。

REFINE（默认开启；需要场景 INPUT，未给出场景时跳过并在日志中说明）：每个保留的端元替换为其纯净像元（全约束丰度至少 0.8，在 50000 个像元的样本上迭代至稳定）的逐波段中位数：即场景中该物质的实际光谱，而不是其最极端的像元。纯净像元位于混合线上的端元保持原光谱：当其他端元的混合能解释这些像元至少 75 % 的离散程度时（纯净像元很少的物质，如花园间的城镇或狭窄的河流），它们的中位数是混合光谱，而不是该物质。精化后几乎没有纯净像元（少于样本的 0.1 %）的端元不代表场景的任何部分（孤立的极端像元，或其像元被相邻端元夺走）：其位置让给同一类别的下一个匹配候选（由近及远），并重新精化整个端元集；日志会说明是哪个。在 Jasper Ridge 上（PPI 10 + VCA 6 + 内置先验库，随机种子 1-3），REFINE 使 Top-4 与 Zhu 的真值的平均夹角从 9.6 度降至 3.2 度；在模拟场景上它保持城镇和河流端元不变，反演精度不下降。

输出：优化后的端元库，得分 = 与先验光谱的光谱角（度），类别 = 匹配的类别。

参考文献：PCCEE 框架（物理约束协同端元提取）；Kuhn (1955), The Hungarian method for the assignment problem；Lawson and Hanson (1974), Solving least squares problems (NNLS)；Winter (1999), N-FINDR, Proc. SPIE 3753；Somers et al. (2011), Endmember variability in spectral mixture analysis: a review, Remote Sensing of Environment 115。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/select_top_k_endmembers.py" line="182"/>
        <source>{}: {} instead of {}, which had (almost) no pure pixels once refined: the next match of the class.</source>
        <translation>{}：用 {} 代替 {}，后者精化后几乎没有纯净像元：改用该类别的下一个匹配候选。</translation>
    </message>
</context>
<context>
    <name>SourceDetection</name>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="32"/>
        <source>Device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="32"/>
        <source>Automatic (CUDA GPU when PyTorch sees one)</source>
        <translation>自动（PyTorch 检测到 CUDA GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="32"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="32"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="46"/>
        <source>PyTorch {} on {}.</source>
        <translation>PyTorch {}，运行于 {}。</translation>
    </message>
</context>
<context>
    <name>SpectralAngleMaps</name>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="25"/>
        <source>Spectral angle maps and spectra plot</source>
        <translation>光谱角图与光谱曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="29"/>
        <source>Heat maps of the spectral angle between every pixel and each endmember of a library, one band per endmember, styled so that small angles (where the endmember&apos;s material is pure) stand out: endmembers that make sense gather on tailings, vegetation or water, not on scattered pixels.
Spectra plot: all endmembers on one set of axes, prior spectra dashed, with the 700-750 nm red edge and the 2200 nm clay absorption marked (HTML with a table, or PNG if the name ends in .png).

Reference: the PCCEE framework, section 2.3.4.</source>
        <translation>每个像元与光谱库中每个端元之间光谱角的热图，每个端元一个波段，样式突出小光谱角（该端元的物质较纯的地方）：合理的端元应集中在尾矿、植被或水体上，而不是零散的像元上。
光谱曲线图：所有端元画在同一坐标系中，先验光谱用虚线，并标出 700-750 nm 红边和 2200 nm 黏土吸收（HTML 附表格；文件名以 .png 结尾时输出 PNG）。

参考：PCCEE 框架，第 2.3.4 节。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="39"/>
        <source>Endmember library</source>
        <translation>端元光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="41"/>
        <source>Spectral angle maps</source>
        <translation>光谱角图</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="42"/>
        <source>Endmember spectra plot</source>
        <translation>端元光谱曲线图</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="42"/>
        <source>HTML files (*.html);;PNG files (*.png)</source>
        <translation>HTML 文件 (*.html);;PNG 文件 (*.png)</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="54"/>
        <source>the library has no wavelengths.</source>
        <translation>光谱库没有波长信息。</translation>
    </message>
    <message>
        <location filename="../algorithms/endmembers/spectral_angle_maps.py" line="40"/>
        <source>Prior to plot dashed (empty: built-in)</source>
        <translation>以虚线绘制的先验光谱库（留空：内置库）</translation>
    </message>
</context>
<context>
    <name>StackVnirSwir</name>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="37"/>
        <source>Stack VNIR and SWIR scenes (GF-5 AHSI)</source>
        <translation>VNIR 与 SWIR 波段叠加（高分五号 AHSI）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="40"/>
        <source>Makes one hyperspectral scene of the two files of a GaoFen-5 AHSI product: the VNIR file (150 bands, about 390-1029 nm, FWHM 5 nm) and the SWIR file (180 bands, about 1004-2513 nm, FWHM 10 nm). The bands are stacked in rising wavelength on the VNIR file&apos;s grid: a SWIR file on another grid (shifted, another size or pixel) of the same CRS is resampled onto it. Both detectors record about 1004-1029 nm; the overlapping bands of one of them are dropped, so that no wavelength is repeated. Automatic: the detector that is noisier there is dropped; its noise is estimated from the image, per band, as the robust (MAD) standard deviation of the differences between horizontally adjacent pixels divided by sqrt(2), relative to the band&apos;s median signal (SNR). The log lists the dropped bands and the SNR of both detectors.

Inputs: the VNIR and SWIR rasters; their wavelengths are read from the files (GDAL or ENVI metadata, band names) or given as lists when the files have none.
Output: one GeoTIFF with the wavelengths (and FWHM when both files have them) of every band; integer reflectance (such as int16 x 10000) is kept as it is with its scale when both files use the same data type. A pixel that one detector does not see is nodata. Then run the workflow (Remove bad bands first) on this scene.

Reference: Liu, Y.-N. et al. (2019), The Advanced Hyperspectral Imager: aboard China&apos;s GaoFen-5 satellite, IEEE Geoscience and Remote Sensing Magazine 7(4), 23-32.</source>
        <translation>把高分五号 AHSI 产品的两个文件合成为一景高光谱影像：VNIR 文件（150 个波段，约 390-1029 nm，FWHM 5 nm）和 SWIR 文件（180 个波段，约 1004-2513 nm，FWHM 10 nm）。波段按波长递增顺序叠加在 VNIR 文件的网格上：坐标系相同但网格不同（有偏移、大小或像元大小不同）的 SWIR 文件会重采样到该网格上。两个探测器都记录约 1004-1029 nm 的数据；去除其中一个探测器的重叠波段，使波长不重复。自动：去除在该范围内噪声较大的探测器的波段；噪声逐波段从影像估计，即水平相邻像元差值的稳健（MAD）标准差除以 sqrt(2)，并与该波段的信号中位数相比（信噪比，SNR）。日志列出去除的波段和两个探测器的信噪比。

输入：VNIR 和 SWIR 栅格；其波长从文件读取（GDAL 或 ENVI 元数据、波段名），文件中没有波长时以列表给出。
输出：一个 GeoTIFF，记录每个波段的波长（两个文件都有 FWHM 时也记录 FWHM）；两个文件数据类型相同时，整型反射率（如 int16 x 10000）按原样连同其缩放系数保留。某一探测器未观测到的像元为 nodata。然后在该场景上运行处理流程（先去除坏波段）。

参考文献：Liu, Y.-N. et al. (2019), The Advanced Hyperspectral Imager: aboard China's GaoFen-5 satellite, IEEE Geoscience and Remote Sensing Magazine 7(4), 23-32.</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="60"/>
        <source>VNIR raster (visible and near infrared)</source>
        <translation>VNIR 栅格（可见光与近红外）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="62"/>
        <source>SWIR raster (short-wave infrared)</source>
        <translation>SWIR 栅格（短波红外）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="63"/>
        <source>Bands where the detectors overlap</source>
        <translation>探测器重叠范围内的波段</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="63"/>
        <source>Automatic: drop those of the noisier detector</source>
        <translation>自动：去除噪声较大的探测器的波段</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="63"/>
        <source>Keep the VNIR bands</source>
        <translation>保留 VNIR 波段</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="63"/>
        <source>Keep the SWIR bands</source>
        <translation>保留 SWIR 波段</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="70"/>
        <source>Resampling of a SWIR raster on another grid</source>
        <translation>SWIR 栅格网格不同时的重采样方法</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="70"/>
        <source>Nearest neighbour (keeps the values)</source>
        <translation>最近邻（保持原值）</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="70"/>
        <source>Bilinear</source>
        <translation>双线性</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="70"/>
        <source>Cubic</source>
        <translation>三次卷积</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="74"/>
        <source>Stacked scene</source>
        <translation>叠加后的场景</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="79"/>
        <source>VNIR raster: {} bands.</source>
        <translation>VNIR 栅格：{} 个波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="81"/>
        <source>SWIR raster: {} bands.</source>
        <translation>SWIR 栅格：{} 个波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="86"/>
        <source>{} Give the VNIR file as VNIR and the SWIR file as SWIR (swap them), or correct the wavelengths.</source>
        <translation>{} 请把 VNIR 文件作为 VNIR 输入、SWIR 文件作为 SWIR 输入（交换两者），或更正波长。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="96"/>
        <source>{} Check the wavelengths of both rasters.</source>
        <translation>{} 请检查两个栅格的波长。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="102"/>
        <source>No FWHM written: it is not known for both rasters.</source>
        <translation>未写出 FWHM：并非两个栅格都有 FWHM 信息。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="112"/>
        <source>Stacked scene: {} bands, {:.1f}-{:.1f} nm.</source>
        <translation>叠加后的场景：{} 个波段，{:.1f}-{:.1f} nm。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="119"/>
        <source>its CRS ({}) is not the VNIR raster&apos;s ({}). Reproject the SWIR raster to the VNIR raster&apos;s CRS first (Raster &gt; Projections &gt; Warp), or choose the SWIR file of the same product.</source>
        <translation>其坐标系（{}）与 VNIR 栅格的坐标系（{}）不同。请先把 SWIR 栅格重投影到 VNIR 栅格的坐标系（栅格 &gt; 投影 &gt; 变形，即 Raster &gt; Projections &gt; Warp），或选择同一产品的 SWIR 文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="126"/>
        <source>its grid is rotated, which this algorithm does not resample. Warp it to a north-up grid first (Raster &gt; Projections &gt; Warp).</source>
        <translation>其网格是旋转的，本算法不对旋转网格重采样。请先把它变形为正北朝上的网格（栅格 &gt; 投影 &gt; 变形，即 Raster &gt; Projections &gt; Warp）。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="132"/>
        <source>it does not overlap the VNIR raster (VNIR x {:.1f}-{:.1f}, y {:.1f}-{:.1f}; SWIR x {:.1f}-{:.1f}, y {:.1f}-{:.1f}). Choose the SWIR file of the same scene.</source>
        <translation>它与 VNIR 栅格不重叠（VNIR x {:.1f}-{:.1f}，y {:.1f}-{:.1f}；SWIR x {:.1f}-{:.1f}，y {:.1f}-{:.1f}）。请选择同一景的 SWIR 文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="141"/>
        <source>The wavelength ranges do not overlap: all bands kept.</source>
        <translation>波长范围不重叠：保留全部波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="143"/>
        <source>Both detectors record {:.1f}-{:.1f} nm: VNIR bands {}, SWIR bands {}.</source>
        <translation>两个探测器都记录了 {:.1f}-{:.1f} nm：VNIR 波段 {}，SWIR 波段 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="147"/>
        <source>as asked</source>
        <translation>依用户选择</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="172"/>
        <source>VNIR</source>
        <translation>VNIR</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="172"/>
        <source>SWIR</source>
        <translation>SWIR</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="155"/>
        <source>{} SNR in the overlap (median signal / noise; noise: robust standard deviation of adjacent-pixel differences / sqrt(2)): {}.</source>
        <translation>{} 在重叠范围内的信噪比（信号中位数 / 噪声；噪声：相邻像元差值的稳健标准差 / sqrt(2)）：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="161"/>
        <source>the noisier detector there: median SNR {:.1f} against {:.1f}</source>
        <translation>该探测器在此范围内噪声较大：信噪比中位数 {:.1f}，另一探测器为 {:.1f}</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="164"/>
        <source>The two SNRs differ by less than 10 %: either detector would do there. Choose which bands to keep ({}) to make the choice fixed.</source>
        <translation>两个探测器的信噪比相差不到 10%：在此范围内用哪一个都可以。如需固定选择，请指定保留哪些波段（{}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="172"/>
        <source>Dropped {} bands {} ({} nm), {}.</source>
        <translation>已去除 {} 波段 {}（{} nm），{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="183"/>
        <source>&apos;{}&apos; has no two valid neighbouring pixels to estimate its noise from. Choose which bands to keep.</source>
        <translation>“{}”中没有两个相邻的有效像元，无法估计噪声。请指定保留哪些波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="205"/>
        <source>cannot be resampled onto the VNIR grid: {}</source>
        <translation>无法重采样到 VNIR 网格：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="208"/>
        <source>The SWIR raster ({} x {} pixels of {:g} x {:g}, origin {:.2f}, {:.2f}) is resampled ({}) onto the VNIR grid ({} x {} pixels of {:g} x {:g}, origin {:.2f}, {:.2f}); it covers {:.1f} % of the VNIR extent, the rest is nodata.</source>
        <translation>SWIR 栅格（{} x {} 个像元，像元大小 {:g} x {:g}，原点 {:.2f}, {:.2f}）已重采样（{}）到 VNIR 网格（{} x {} 个像元，像元大小 {:g} x {:g}，原点 {:.2f}, {:.2f}）；它覆盖 VNIR 范围的 {:.1f}%，其余部分为 nodata。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="226"/>
        <source>Stored as {} with each band&apos;s scale and offset, as in the inputs.</source>
        <translation>以 {} 类型存储，与输入一样保留每个波段的缩放系数和偏移量。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="229"/>
        <source>Stored as float32 values with the scale and offset applied (inputs: {} and {}).</source>
        <translation>以 float32 值存储，已应用缩放系数和偏移量（输入：{} 和 {}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="67"/>
        <source>VNIR wavelengths (nm) if the file has none</source>
        <translation>VNIR 波长（nm），文件没有波长时填写</translation>
    </message>
    <message>
        <location filename="../algorithms/preparation/stack_vnir_swir.py" line="67"/>
        <source>SWIR wavelengths (nm) if the file has none</source>
        <translation>SWIR 波长（nm），文件没有波长时填写</translation>
    </message>
</context>
<context>
    <name>TrainSourceDetector</name>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="76"/>
        <source>Train pollution-source detector (SI-LICNet)</source>
        <translation>训练污染源检测器（SI-LICNet）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="79"/>
        <source>Learns where soils are contaminated from what lies around them: a lightweight CNN classifies the patch of the raster centred on each soil sample (PATCH pixels a side) as contaminated or not, keeping the large-scale spatial context, after SI-LICNet (which found Cd pollution sources in six regions of Dongguan, ROC-AUC 0.75-0.91, and showed industrial and residential land as the sensitive areas).

Input: any raster (a hyperspectral scene, reduced to COMPONENTS principal components fitted on the patches; its abundances; any multiband image), and soil samples with LABEL: 0/1, or a concentration that is contaminated above THRESHOLD (default 0.3 mg/kg: the risk-screening value for Cd of China&apos;s soil standard GB 15618-2018 for farmland of pH 5.5 or less; 0.3-0.8 at higher pH). REGION, optional: an AUC per region, as the paper&apos;s table.
The network (6897 weights for 8 channels and a 33-pixel patch): two 3 x 3 and one 1 x 1 convolutions make local features of 5 x 5 pixels; each is averaged over nested squares centred on the sample (the centre, 3, 5, 9, 17 ... pixels, up to the whole patch), which keeps what lies around the sample and how far; a small perceptron gives the probability. Its receptive field is the whole patch. Trained with Adam on the class-balanced cross-entropy, patches turned and mirrored at random; deterministic for a SEED on the CPU.
Validation: FOLDS spatial folds of square blocks (BLOCK pixels; 0 = three patches); training samples whose patch overlaps a test patch are left out of that fold, so neighbouring patches never straddle training and test. The same folds score a Random Forest on the centre pixel alone (the same channels), so the report shows what the spatial context is worth. The decision threshold maximises Youden&apos;s J on the out-of-fold predictions.
Outputs: the model file (.npz of plain arrays with a JSON header describing the bands, the transform and the network, and a digest; loading never unpickles anything), the AUC table (field auc: per fold, per region, overall, for both models) and an HTML report (ROC curves, training curves, confusion at the threshold). Map the probability and the occlusion sensitivity with &apos;Map pollution sources&apos;.
Needs PyTorch (Debian: python3-torch; elsewhere pip install torch).</source>
        <translation>根据土壤周围的地物学习哪里的土壤受到污染：借鉴 SI-LICNet（它在东莞六个区域找出了 Cd 污染源，ROC-AUC 为 0.75-0.91，并表明工业用地和居住用地是敏感区域），用一个轻量级 CNN 对以每个土壤样点为中心的栅格影像块（每边 PATCH 个像元）进行分类，判断是否受污染，同时保留大尺度的空间上下文。

输入：任意栅格（高光谱场景，用在影像块上拟合的主成分降至 COMPONENTS 个主成分；或其丰度；或任意多波段影像），以及带 LABEL 的土壤样点：LABEL 为 0/1，或为含量，高于 THRESHOLD 即视为受污染（默认 0.3 mg/kg：中国土壤标准 GB 15618-2018 中 pH 不超过 5.5 的农用地 Cd 的风险筛选值；pH 更高时为 0.3-0.8）。REGION（可选）：按区域计算 AUC，与论文的表格一样。
网络（8 个通道、33 像元影像块时共 6897 个权重）：两个 3 x 3 卷积和一个 1 x 1 卷积生成 5 x 5 像元范围的局部特征；每个特征在以样点为中心的一组嵌套方框（中心像元，3、5、9、17 …… 像元，直到整个影像块）上取平均，从而保留样点周围有什么以及有多远；再由一个小型感知机给出概率。其感受野为整个影像块。用 Adam 以类别平衡的交叉熵训练，影像块随机旋转和镜像；在 CPU 上给定 SEED 时结果确定。
验证：由正方形分块（每边 BLOCK 个像元；0 = 三个影像块）构成的 FOLDS 折空间分块交叉验证；影像块与测试影像块重叠的训练样点在该折中被排除，因此相邻的影像块不会分处训练集和测试集。同样的分折也用于评估只用中心像元（相同通道）的随机森林，因此报告能显示空间上下文的价值。判别阈值取使折外预测的 Youden J 指数最大的值。
输出：模型文件（纯数组 .npz，带描述波段、变换和网络的 JSON 文件头及摘要；加载时从不反序列化任何内容）、AUC 表（字段 auc：每折、每个区域及总体，两个模型各一）以及 HTML 报告（ROC 曲线、训练曲线、阈值处的混淆矩阵）。用“污染源制图”绘制概率图和遮挡敏感性图。
需要 PyTorch（Debian：python3-torch；其他系统：pip install torch）。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="107"/>
        <source>Raster (scene, abundances or any multiband image)</source>
        <translation>栅格（场景、丰度或任意多波段影像）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="109"/>
        <source>Soil samples</source>
        <translation>土壤样点</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="111"/>
        <source>Label: 0/1, or a concentration (see the threshold)</source>
        <translation>标签：0/1，或含量（见阈值）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="114"/>
        <source>Contaminated above (mg/kg; GB 15618 Cd: 0.3)</source>
        <translation>污染阈值（mg/kg；GB 15618 Cd：0.3）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="117"/>
        <source>Region (AUC per region)</source>
        <translation>区域（按区域计算 AUC）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="119"/>
        <source>Patch (pixels per side, odd)</source>
        <translation>影像块（每边像元数，奇数）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="122"/>
        <source>Principal components (0 = the bands as they are)</source>
        <translation>主成分数（0 = 直接使用原波段）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="125"/>
        <source>Epochs</source>
        <translation>训练轮数（epochs）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="127"/>
        <source>Spatial cross-validation folds</source>
        <translation>空间交叉验证折数</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="129"/>
        <source>Spatial block (pixels per side; 0 = three patches)</source>
        <translation>空间分块（每边像元数；0 = 三个影像块）</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="132"/>
        <source>Trees of the centre-pixel Random Forest</source>
        <translation>中心像元随机森林的树数</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="137"/>
        <source>Trained detector</source>
        <translation>训练好的检测器</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="137"/>
        <source>PCCEE model (*.npz)</source>
        <translation>PCCEE 模型 (*.npz)</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="139"/>
        <source>AUC per fold, region and overall</source>
        <translation>各折、各区域及总体 AUC</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="139"/>
        <source>Detection report</source>
        <translation>检测报告</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="163"/>
        <source>{} of {} samples left out, {}: ids {}</source>
        <translation>排除了 {} 个样点（共 {} 个），原因：{}；编号 {}</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="167"/>
        <source>{}: 0/1 labels; THRESHOLD is not used.</source>
        <translation>{}：0/1 标签；不使用 THRESHOLD。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="167"/>
        <source>{}: contaminated above {:g}.</source>
        <translation>{}：高于 {:g} 视为受污染。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="173"/>
        <source>{} usable samples, {} of them contaminated: both classes need 2 samples or more. Check the field and THRESHOLD.</source>
        <translation>可用样点 {} 个，其中受污染的 {} 个：两类各需要至少 2 个样点。请检查字段和 THRESHOLD。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="176"/>
        <source>{} samples, {} contaminated.</source>
        <translation>样点 {} 个，受污染 {} 个。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="181"/>
        <source>SI-LICNet: {} channels, patch {} x {}, {} weights, receptive field {} x {} pixels.</source>
        <translation>SI-LICNet：{} 个通道，影像块 {} x {}，{} 个权重，感受野 {} x {} 像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="194"/>
        <source>{} AUC ({}): {:.3f}</source>
        <translation>{} AUC（{}）：{:.3f}</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="258"/>
        <source>Input: {} principal components of {} bands.</source>
        <translation>输入：{} 个主成分（来自 {} 个波段）。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="258"/>
        <source>Input: the {} bands, standardised.</source>
        <translation>输入：{} 个波段，已标准化。</translation>
    </message>
    <message>
        <location filename="../algorithms/detection/train_source_detector.py" line="281"/>
        <source>Fold {}: {} training samples ({} left out by the buffer), {} test.</source>
        <translation>第 {} 折：训练样点 {} 个（缓冲排除 {} 个），测试样点 {} 个。</translation>
    </message>
</context>
<context>
    <name>UnmixAbundances</name>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="34"/>
        <source>Unmix abundances</source>
        <translation>丰度反演（解混）</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="53"/>
        <source>Endmember library</source>
        <translation>端元光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="54"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="54"/>
        <source>NNLS: linear mixture, non-negative</source>
        <translation>NNLS：线性混合，非负约束</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="54"/>
        <source>FCLS: non-negative, sum to one</source>
        <translation>FCLS：非负且和为一</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="54"/>
        <source>UCLS: unconstrained least squares</source>
        <translation>UCLS：无约束最小二乘</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="54"/>
        <source>NMF: non-negative matrix factorisation</source>
        <translation>NMF：非负矩阵分解</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="54"/>
        <source>SVR: support vector regression</source>
        <translation>SVR：支持向量回归</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="61"/>
        <source>NMF: keep the endmembers fixed</source>
        <translation>NMF：固定端元不变</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="62"/>
        <source>NMF: pixels sampled to refine the endmembers</source>
        <translation>NMF：用于优化端元的采样像元数</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="64"/>
        <source>SVR: synthetic training mixtures</source>
        <translation>SVR：合成训练混合样本数</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="70"/>
        <source>Abundances</source>
        <translation>丰度</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="71"/>
        <source>Reconstruction RMSE</source>
        <translation>重建均方根误差（RMSE）</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="105"/>
        <source>Endmembers resampled to the image&apos;s {} bands.</source>
        <translation>端元已重采样到影像的 {} 个波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="117"/>
        <source>Unmixing on the {} of {} bands that every endmember covers.</source>
        <translation>在所有端元都覆盖的 {} 个波段（共 {} 个）上解混。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="123"/>
        <source>Endmembers &apos;{}&apos; and &apos;{}&apos; are {:.2f} degrees apart: nearly duplicates.</source>
        <translation>端元“{}”与“{}”仅相距 {:.2f} 度：几乎重复。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="125"/>
        <source>Condition number of the endmembers&apos; Gram matrix: {:.3g}.</source>
        <translation>端元 Gram 矩阵的条件数：{:.3g}。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="127"/>
        <source> Abundances of similar endmembers are unstable; remove duplicates or collinear endmembers.</source>
        <translation> 相似端元的丰度不稳定；请去除重复或共线的端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="138"/>
        <source>Training one SVR per endmember on synthetic mixtures.</source>
        <translation>为每个端元在合成混合样本上训练一个 SVR。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="147"/>
        <source>Refining the endmembers by NMF on {} sampled pixels.</source>
        <translation>在 {} 个采样像元上用 NMF 优化端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="146"/>
        <source>the raster has no valid pixel to unmix.</source>
        <translation>栅格没有可解混的有效像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="107"/>
        <source>the endmembers have {} values but the raster has {} bands, and wavelengths are missing to resample them. Give a library with wavelengths, or one value per band.</source>
        <translation>端元有 {} 个值，而栅格有 {} 个波段，且缺少用于重采样的波长。请提供带波长的光谱库，或每个波段一个值的端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="113"/>
        <source>the endmembers do not overlap the image&apos;s wavelengths on any band that all of them cover. Give endmembers measured over the image&apos;s range.</source>
        <translation>在所有端元共同覆盖的波段上，端元与影像的波长没有任何重叠。请提供在影像波长范围内测量的端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="172"/>
        <source>the raster has no valid pixel to unmix (all nodata, NaN or zero). Check its nodata value.</source>
        <translation>栅格没有可解混的有效像元（全部为 nodata、NaN 或 0）。请检查其 nodata 值。</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="38"/>
        <source>Estimates the fraction of each endmember in every pixel. NNLS (default): linear mixture model with non-negative abundances, solved exactly (Lawson-Hanson for all pixels of a block at once); FCLS: non-negative and summing to one; UCLS: unconstrained least squares; NMF: non-negative matrix factorisation started from the endmembers (refined on a random sample of pixels unless fixed); SVR: one support vector regression per endmember trained on synthetic mixtures. Endmembers are resampled to the image&apos;s wavelengths when their grids differ. Streamed block by block; NNLS, FCLS and UCLS run on the GPU with CuPy when one is present (DEVICE, advanced).

Outputs: one band per endmember (named after it, nodata where the input is invalid) and the per-pixel RMSE of the reconstruction.

References: Heinz and Chang (2001), IEEE TGRS 39(3); Lawson and Hanson (1974), Solving Least Squares Problems.</source>
        <translation>估计每个像元中各端元所占的比例。NNLS（默认）：非负丰度的线性混合模型，精确求解（一个数据块的所有像元同时用 Lawson-Hanson 法）；FCLS：非负且和为一；UCLS：无约束最小二乘；NMF：以端元为初值的非负矩阵分解（除非固定端元，否则在随机采样像元上优化端元）；SVR：每个端元一个在合成混合样本上训练的支持向量回归。端元与影像波长网格不同时会重采样到影像波长。逐块流式处理；有 GPU 时 NNLS、FCLS 和 UCLS 用 CuPy 在 GPU 上运行（DEVICE，高级参数）。

输出：每个端元一个波段（以端元命名，输入无效处为 nodata），以及每个像元重建的 RMSE。

参考文献：Heinz and Chang (2001), IEEE TGRS 39(3); Lawson and Hanson (1974), Solving Least Squares Problems.</translation>
    </message>
    <message>
        <location filename="../algorithms/unmixing/unmix_abundances.py" line="87"/>
        <source>Unmixing on {}.</source>
        <translation>在 {} 上进行混合像元分解。</translation>
    </message>
</context>
<context>
    <name>ZonePollution</name>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="36"/>
        <source>Zone pollution (K-means)</source>
        <translation>污染分区（K 均值）</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="59"/>
        <source>Concentration raster</source>
        <translation>含量栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="60"/>
        <source>Number of zones (0 = choose)</source>
        <translation>分区数（0 = 自动选择）</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="65"/>
        <source>Smallest K to try</source>
        <translation>尝试的最小 K</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="67"/>
        <source>Largest K to try</source>
        <translation>尝试的最大 K</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="69"/>
        <source>Pixels sampled to fit and choose K</source>
        <translation>用于拟合和选择 K 的采样像元数</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="71"/>
        <source>Log-transform skewed metals</source>
        <translation>对偏态分布的重金属取对数</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="75"/>
        <source>Pollution zones</source>
        <translation>污染分区</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="76"/>
        <source>Zone statistics</source>
        <translation>分区统计</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="76"/>
        <source>Zoning report</source>
        <translation>分区报告</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="85"/>
        <source>K_MAX ({}) is smaller than K_MIN ({}).</source>
        <translation>K_MAX（{}）小于 K_MIN（{}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="96"/>
        <source>the raster has no pixel valid in every band.</source>
        <translation>栅格没有在所有波段均有效的像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="98"/>
        <source>SAMPLE_SIZE ({}) exceeds the {} valid pixels: all of them are used.</source>
        <translation>SAMPLE_SIZE（{}）超过有效像元数 {}：使用全部有效像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="104"/>
        <source>&apos;{}&apos; is constant: left out of the clustering.</source>
        <translation>“{}”为常数：不参与聚类。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="83"/>
        <source>one zone is no zoning: give 0 (choose) or at least 2.</source>
        <translation>一个分区等于不分区：请填 0（自动选择）或至少 2。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="169"/>
        <source>low background</source>
        <translation>低背景区</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="169"/>
        <source>moderate diffusion</source>
        <translation>中度扩散区</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="169"/>
        <source>high-risk composite</source>
        <translation>高风险复合区</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="170"/>
        <source>zone {}</source>
        <translation>分区 {}</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="170"/>
        <source>{} (lowest)</source>
        <translation>{}（最低）</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="170"/>
        <source>{} (highest)</source>
        <translation>{}（最高）</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="141"/>
        <source>every band is constant over the {} valid pixel(s): there is nothing to zone. Give a concentration raster whose metals vary.</source>
        <translation>在 {} 个有效像元上每个波段都是常数：无法分区。请提供重金属含量有变化的含量栅格。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="146"/>
        <source>negative values in {} (lowest {:g}): a log transform needs concentrations of 0 or more. Turn LOG_TRANSFORM off, or give concentrations.</source>
        <translation>{} 中有负值（最小值 {:g}）：对数变换要求含量大于或等于 0。请关闭 LOG_TRANSFORM，或提供含量数据。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="155"/>
        <source>K = {} zones, but the valid pixels hold only {} distinct metal vectors: give K = {} at most, or 0 to choose.</source>
        <translation>K = {} 个分区，但有效像元只有 {} 个不同的重金属向量：请把 K 设为不超过 {}，或设为 0 自动选择。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="158"/>
        <source>the valid pixels hold only {} distinct metal vectors; choosing K from K_MIN = {} needs at least {}. Give a larger raster, a smaller K_MIN, or K itself.</source>
        <translation>有效像元只有 {} 个不同的重金属向量；从 K_MIN = {} 起选择 K 至少需要 {} 个。请提供更大的栅格、更小的 K_MIN，或直接给出 K。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="40"/>
        <source>Clusters the pixels of a concentration raster (one band per metal) by K-means on standardised (optionally log-transformed) metal vectors. K = 0 chooses K in K_MIN-K_MAX on a random sample of pixels by the rule K_RULE: the elbow of the SSE curve (default: the K farthest below the straight line between the curve&apos;s ends, after which one more zone reduces the spread little), or the silhouette maximum (the K whose zones are best separated). The report draws both curves with the K chosen marked. Zones are numbered by their mean standardised concentration (1 = lowest) and named; for K = 3: low background, moderate diffusion, high-risk composite. Every pixel is then assigned block by block.
Each zone&apos;s mean concentrations are set against China&apos;s risk screening values for agricultural soil (GB 15618-2018, by soil pH class and land use; without a pH, the strictest class) and against background values you give, with the share of the zone above the screening value.
Outputs: the zone raster (paletted, with a legend and a .qml style beside it), a table per zone (pixels, hectares, mean and 10th/50th/90th percentiles of each metal from the sample, share above the screening value) and an HTML report with the zone map, the curves and the comparison.

Reference: GB 15618-2018, Soil environmental quality - Risk control standard for soil contamination of agricultural land.</source>
        <translation>对含量栅格（每种重金属一个波段）的像元，在标准化（可选取对数）的重金属向量上做 K 均值聚类。K = 0 时在随机采样像元上按规则 K_RULE 于 K_MIN-K_MAX 中选择 K：SSE 曲线的肘部（默认：位于曲线两端连线下方最远处的 K，此后再增加一个分区对离散度的减小很有限），或轮廓系数最大者（分区分得最开的 K）。报告绘出两条曲线并标出所选的 K。分区按标准化含量均值编号（1 = 最低）并命名；K = 3 时为：低背景区、中度扩散区、高风险复合区。然后逐块为每个像元分配分区。
每个分区的平均含量与中国农用地土壤风险筛选值（GB 15618-2018，按土壤 pH 分级和土地利用类型；无 pH 时取最严格的类别）以及你给出的背景值对比，并给出该分区中超过筛选值的比例。
输出：分区栅格（调色板样式，带图例，旁边附 .qml 样式文件）、每个分区的统计表（像元数、公顷数、采样像元中各重金属的均值及第 10/50/90 百分位数、超过筛选值的比例），以及包含分区图、两条曲线和对比结果的 HTML 报告。

参考文献：GB 15618-2018《土壤环境质量 农用地土壤污染风险管控标准（试行）》。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="62"/>
        <source>Rule that chooses K</source>
        <translation>选择 K 的规则</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="62"/>
        <source>Elbow of the SSE curve</source>
        <translation>SSE 曲线的肘部（肘部法）</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="62"/>
        <source>Silhouette maximum</source>
        <translation>轮廓系数最大（轮廓系数法）</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="114"/>
        <source>K = {} by the {} rule: elbow of the SSE curve {}, silhouette maximum {}.</source>
        <translation>K = {}（按{}）：SSE 曲线肘部 {}，轮廓系数最大处 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="165"/>
        <source>elbow</source>
        <translation>肘部法</translation>
    </message>
    <message>
        <location filename="../algorithms/analysis/zone_pollution.py" line="165"/>
        <source>silhouette</source>
        <translation>轮廓系数法</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <location filename="../algorithms/prior_library.py" line="22"/>
        <source>Spectral libraries (*.sli *.hdr *.csv)</source>
        <translation>光谱库 (*.sli *.hdr *.csv)</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="25"/>
        <source>Class field of the library layer</source>
        <translation>光谱库图层的类别字段</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="47"/>
        <source>Prior library: the built-in one ({} measured spectra of {}).</source>
        <translation>先验光谱库：内置库（{} 条实测光谱：{}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="54"/>
        <source>the library has no wavelengths, so it cannot be resampled to the image&apos;s bands.</source>
        <translation>光谱库没有波长信息，无法重采样到影像波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="58"/>
        <source>The prior library has no classes: each spectrum is its own class.</source>
        <translation>先验光谱库没有类别：每条光谱自成一类。</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="76"/>
        <source>&apos;{}&apos; covers {:.0f}-{:.0f} nm: matched on {} of the image&apos;s {} bands.</source>
        <translation>“{}”覆盖 {:.0f}-{:.0f} nm：在影像 {} 个波段（共 {} 个）上匹配。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="52"/>
        <source>no field named {} in the samples; they have: {}.</source>
        <translation>样点中没有名为 {} 的字段；现有字段：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="89"/>
        <source>no sample lies on the raster (after reprojection to {}).</source>
        <translation>没有样点落在栅格上（已重投影到 {}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/library_layer.py" line="83"/>
        <source>give at least one endmember library layer.</source>
        <translation>请至少提供一个端元光谱库图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/library_layer.py" line="91"/>
        <source>{} has no wavelengths.</source>
        <translation>{} 没有波长信息。</translation>
    </message>
    <message>
        <location filename="../algorithms/angle_rasters.py" line="30"/>
        <source>the raster has no valid pixel (all nodata, NaN or zero): there is no angle to map. Check its nodata value.</source>
        <translation>栅格没有有效像元（全部为 nodata、NaN 或 0）：没有可制图的光谱角。请检查其 nodata 值。</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="48"/>
        <source>one fold leaves no sample to validate on: give 0 (leave one out) or 2 or more.</source>
        <translation>一折中没有可用于验证的样点：请填 0（留一法）或 2 及以上。</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="51"/>
        <source>spatial blocks need a size above 0 map units; give the size of a block (1000 m, say), or choose random folds.</source>
        <translation>空间分块的大小必须大于 0 个地图单位；请给出分块大小（例如 1000 m），或选择随机分折。</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="73"/>
        <source>{}: {} of {} samples left out, {}: ids {}</source>
        <translation>{}：排除了 {} 个样点（共 {} 个），原因：{}；编号 {}</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="83"/>
        <source>only {} usable samples for {} (field &apos;{}&apos;); at least 3 are needed. The log says why the others were left out.</source>
        <translation>只有 {} 个样点可用于 {}（字段“{}”）；至少需要 3 个。其余样点被排除的原因见日志。</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="87"/>
        <source>only {} usable samples for {} (field &apos;{}&apos;), fewer than the {} folds: lower FOLDS, or give 0 for leave one out.</source>
        <translation>只有 {} 个样点可用于 {}（字段“{}”），少于 {} 折：请减小 FOLDS，或填 0 使用留一法。</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="92"/>
        <source>the {} usable samples for {} hold only {} distinct predictor value(s): they lie on one pixel, or on identical pixels, and a forest cannot learn from them. Give samples spread over the raster.</source>
        <translation>{} 个可用于 {} 的样点只有 {} 组不同的预测变量值：它们位于同一像元或完全相同的像元上，随机森林无法从中学习。请提供分布在栅格各处的样点。</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="97"/>
        <source>{} (field &apos;{}&apos;) is {:g} at all {} usable samples: there is nothing to learn. Leave it out of METALS.</source>
        <translation>{}（字段“{}”）在全部可用样点上都是 {:g}（共 {} 个）：没有可学习的内容。请把它从 METALS 中去掉。</translation>
    </message>
    <message>
        <location filename="../algorithms/output_safety.py" line="42"/>
        <source>&apos;{}&apos; is a file of the input {}: writing it would destroy that input. Choose another output file.</source>
        <translation>“{}”是输入 {} 的文件：写入会破坏该输入。请选择其他输出文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/output_safety.py" line="46"/>
        <source>&apos;{}&apos; is also the file of the output {}: each output needs its own file.</source>
        <translation>“{}”也是输出 {} 的文件：每个输出都需要单独的文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/output_safety.py" line="52"/>
        <source>{} Choose another output file.</source>
        <translation>{} 请选择其他输出文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/output_safety.py" line="126"/>
        <source>&apos;{}&apos;: this output is written as {}, not .{}. Name the file {}.</source>
        <translation>“{}”：该输出的格式为 {}，而不是 .{}。请把文件命名为 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="47"/>
        <source>&apos;{}&apos; is not a number.</source>
        <translation>“{}”不是数字。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="49"/>
        <source>{:g} is below the smallest value allowed, {:g}.</source>
        <translation>{:g} 小于允许的最小值 {:g}。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="51"/>
        <source>{:g} is above the largest value allowed, {:g}.</source>
        <translation>{:g} 大于允许的最大值 {:g}。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="53"/>
        <source>{:g} is not a whole number.</source>
        <translation>{:g} 不是整数。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="54"/>
        <source>QGIS does not accept the value &apos;{}&apos;.</source>
        <translation>QGIS 不接受值“{}”。</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="50"/>
        <source>file not found: {}</source>
        <translation>找不到文件：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="64"/>
        <source>{} Give a raster file (GeoTIFF, ENVI, VRT).</source>
        <translation>{} 请提供栅格文件（GeoTIFF、ENVI、VRT）。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameter_checks.py" line="65"/>
        <source>QGIS cannot open &apos;{}&apos; as a raster layer. Give a GeoTIFF, ENVI or VRT file.</source>
        <translation>QGIS 无法将“{}”作为栅格图层打开。请提供 GeoTIFF、ENVI 或 VRT 文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="37"/>
        <source>the prior library layer has no field &apos;{}&apos;; it has: {}.</source>
        <translation>先验光谱库图层没有字段“{}”；现有字段：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="71"/>
        <source>&apos;{}&apos; ({:.0f}-{:.0f} nm) does not overlap the image&apos;s wavelengths ({:.0f}-{:.0f} nm) on the 2 bands or more a spectral angle needs (it covers {}). Give a library measured over the image&apos;s range, or leave that spectrum out.</source>
        <translation>“{}”（{:.0f}-{:.0f} nm）与影像波长（{:.0f}-{:.0f} nm）的重叠不足光谱角所需的 2 个或以上波段（只覆盖 {} 个）。请提供在影像波长范围内测量的光谱库，或去掉这条光谱。</translation>
    </message>
    <message>
        <location filename="../algorithms/reflectance_input.py" line="16"/>
        <source>Reflectance = value x {:g}, from the ENVI header&apos;s &apos;reflectance scale factor&apos;.</source>
        <translation>反射率 = 像元值 x {:g}，取自 ENVI 头文件的 reflectance scale factor 字段。</translation>
    </message>
    <message>
        <location filename="../algorithms/reflectance_input.py" line="19"/>
        <source>Scale {:g} assumed for {}: integer reflectance without a scale factor. If its values are not reflectance x 10000, set the raster&apos;s scale with gdal_edit.py -scale and run again.</source>
        <translation>假定缩放系数为 {:g}（{}）：该栅格为整型反射率，但没有缩放系数。如果其值不是“反射率 x 10000”，请用 gdal_edit.py -scale 设置栅格的缩放系数后重新运行。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="68"/>
        <source>the field &apos;{}&apos; is text and {} of its {} values are not numbers (such as {}). Convert it to a numeric field, writing values below detection as numbers (half the detection limit, say) or leaving them empty.</source>
        <translation>字段“{}”是文本字段，其 {} 个值（共 {} 个）不是数字（如 {}）。请将其转换为数值字段，低于检出限的值写成数字（例如检出限的一半）或留空。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="85"/>
        <source>the layer holds no sample. Give the layer of soil samples.</source>
        <translation>图层中没有样点。请提供土壤样点图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="94"/>
        <source>the {} samples on the raster all fall on nodata pixels (nodata, NaN, or zero in every band). Check the raster&apos;s nodata value, or give samples where it has data.</source>
        <translation>栅格上的 {} 个样点全部落在 nodata 像元上（所有波段均为 nodata、NaN 或 0）。请检查栅格的 nodata 值，或提供位于有数据处的样点。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="108"/>
        <source>sample {} is a multipoint of {} points; a sample is one point. Split the layer with &apos;Multipart to singleparts&apos; first.</source>
        <translation>样点 {} 是包含 {} 个点的多点要素；一个样点只能是一个点。请先用“多部件转单部件”（Multipart to singleparts）拆分图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="115"/>
        <source>sample {} at ({:g}, {:g}) cannot be transformed from {} to the raster&apos;s {}: the layer&apos;s CRS is probably wrong. Set the right one in the layer properties.</source>
        <translation>样点 {}（{:g}, {:g}）无法从 {} 转换到栅格的 {}：图层的坐标系可能有误。请在图层属性中设置正确的坐标系。</translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="22"/>
        <source>Or a library file (.sli, .hdr, .csv)</source>
        <translation>或光谱库文件（.sli、.hdr、.csv）</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="30"/>
        <source>Metal fields (mg/kg)</source>
        <translation>重金属字段（mg/kg）</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="19"/>
        <source>not a point layer.</source>
        <translation>不是点图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="21"/>
        <source>has no coordinate reference system; set it in the layer properties.</source>
        <translation>没有坐标参考系；请在图层属性中设置。</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../algorithms/library_layer.py" line="55"/>
        <source>The layer has no &apos;{}&apos; field holding spectral profiles: it is not a spectral library. Give a library layer written by this plugin (or EnMAP-Box), or import a library file with &apos;Import spectral library&apos;.</source>
        <translation>图层中没有存放光谱的“{}”字段：它不是光谱库。请提供由本插件（或 EnMAP-Box）写出的光谱库图层，或用“导入光谱库”导入光谱库文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/library_layer.py" line="61"/>
        <source>The layer has no field &apos;{}&apos;.</source>
        <translation>图层没有字段“{}”。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/band_selection.py" line="65"/>
        <source>&apos;{}&apos; is not a band number or a range such as 108-112.</source>
        <translation>“{}”不是波段编号，也不是 108-112 这样的范围。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/band_selection.py" line="70"/>
        <source>Band range &apos;{}&apos; is outside 1-{}.</source>
        <translation>波段范围“{}”超出 1-{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/band_selection.py" line="87"/>
        <source>Water-vapour bands can only be found when wavelengths are known.</source>
        <translation>只有已知波长时才能找出水汽吸收波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/band_selection.py" line="93"/>
        <source>Only {} of {} bands remain after dropping bad bands; at least {} are needed.</source>
        <translation>去除坏波段后只剩 {} 个波段（共 {} 个）；至少需要 {} 个。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detector_overlap.py" line="132"/>
        <source>Both detectors need at least one band.</source>
        <translation>两个探测器都至少需要一个波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detector_overlap.py" line="134"/>
        <source>The VNIR bands ({:.1f}-{:.1f} nm) must start and end below the SWIR bands ({:.1f}-{:.1f} nm).</source>
        <translation>VNIR 波段（{:.1f}-{:.1f} nm）的起止波长必须分别低于 SWIR 波段（{:.1f}-{:.1f} nm）的起止波长。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detector_overlap.py" line="184"/>
        <source>Two stacked bands share a wavelength ({:.1f} nm).</source>
        <translation>叠加后有两个波段的波长相同（{:.1f} nm）。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/resample.py" line="22"/>
        <source>Spectra have {} values but the grid has {} wavelengths.</source>
        <translation>光谱有 {} 个值，但波长网格有 {} 个波长。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/resample.py" line="86"/>
        <source>FWHM values must be positive.</source>
        <translation>FWHM 值必须为正数。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="50"/>
        <source>{} wavelengths for spectra of {} values.</source>
        <translation>波长数（{}）与光谱值个数（{}）不符。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="67"/>
        <source>The spectral library has no wavelengths to resample from.</source>
        <translation>光谱库没有波长，无法重采样。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="98"/>
        <source>The spectral library holds no spectra.</source>
        <translation>光谱库中没有光谱。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="104"/>
        <source>Profile {} is on another wavelength grid than the first one; resample the library to one grid first.</source>
        <translation>光谱 {} 的波长网格与第一条光谱不同；请先把光谱库重采样到同一波长网格。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="116"/>
        <source>{} of the {} spectra hold no value: {}{}. Remove them or fill in their values.</source>
        <translation>{} 条光谱（共 {} 条）没有任何值：{}{}。请删除这些光谱或补全其数值。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="128"/>
        <source>Library {} has no wavelengths; it cannot be pooled with others.</source>
        <translation>光谱库 {} 没有波长，无法与其他光谱库合并。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="150"/>
        <source>A profile is not valid JSON: {}</source>
        <translation>某条光谱不是有效的 JSON：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="152"/>
        <source>A profile has no &apos;y&apos; values.</source>
        <translation>某条光谱没有 'y' 值。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="162"/>
        <source>A profile has {} x values for {} y values.</source>
        <translation>某条光谱有 {} 个 x 值，却有 {} 个 y 值。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/spectral_library.py" line="186"/>
        <source>{} attribute values for {} spectra.</source>
        <translation>属性值个数（{}）与光谱条数（{}）不符。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/top_k.py" line="46"/>
        <source>K = {} but there are only {} candidate endmembers.</source>
        <translation>K = {}，但只有 {} 个候选端元。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/top_k.py" line="59"/>
        <source>K = {} but the prior library has only {} classes ({}); allow several endmembers per class or lower K.</source>
        <translation>K = {}，但先验光谱库只有 {} 个类别（{}）；请允许每个类别有多个端元，或减小 K。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/top_k.py" line="70"/>
        <source>The candidates match only {} of the {} prior classes ({}); add candidates or lower K.</source>
        <translation>候选端元只匹配到 {} 个先验类别（共 {} 个；已匹配：{}）；请增加候选端元或减小 K。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/unmixing.py" line="38"/>
        <source>The endmember library is empty.</source>
        <translation>端元光谱库为空。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/unmixing.py" line="40"/>
        <source>{} endmembers need at least {} bands; there are {}.</source>
        <translation>{} 个端元至少需要 {} 个波段；当前只有 {} 个。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/unmixing.py" line="43"/>
        <source>Unknown method {}.</source>
        <translation>未知方法 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/wavelengths.py" line="90"/>
        <source>Wavelength list holds a value that is not a number: {}</source>
        <translation>波长列表中有非数字的值：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/core/wavelengths.py" line="93"/>
        <source>Wavelength list is empty.</source>
        <translation>波长列表为空。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/wavelengths.py" line="103"/>
        <source>{} wavelengths given for {} bands.</source>
        <translation>给出了 {} 个波长，但有 {} 个波段。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/wavelengths.py" line="106"/>
        <source>Wavelengths must be finite and positive.</source>
        <translation>波长必须为有限的正数。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/wavelengths.py" line="111"/>
        <source>Bands {} share the wavelength {:g} nm; each band needs its own wavelength.</source>
        <translation>波段 {} 的波长相同（{:g} nm）；每个波段需要各自的波长。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/model_file.py" line="38"/>
        <source>&apos;{}&apos; is not a PCCEE model file.</source>
        <translation>“{}”不是 PCCEE 模型文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/model_file.py" line="41"/>
        <source>&apos;{}&apos; has been altered since this plugin wrote it (its digest does not match).</source>
        <translation>“{}”在本插件写出后已被修改（摘要不匹配）。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/model_file.py" line="72"/>
        <source>&apos;{}&apos; does not exist.</source>
        <translation>“{}”不存在。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/model_file.py" line="74"/>
        <source>&apos;{}&apos; is not a PCCEE model file: not a complete .npz archive of plain arrays ({}).</source>
        <translation>“{}”不是 PCCEE 模型文件：不是完整的纯数组 .npz 归档（{}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/model_file.py" line="85"/>
        <source>&apos;{}&apos; is not a PCCEE model file (its header is not readable).</source>
        <translation>“{}”不是 PCCEE 模型文件（无法读取其文件头）。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/model_file.py" line="94"/>
        <source>&apos;{}&apos; holds a model of format &apos;{}&apos;; this plugin reads &apos;{}&apos;.</source>
        <translation>“{}”中的模型格式为“{}”；本插件读取的格式为“{}”。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/model_file.py" line="98"/>
        <source>&apos;{}&apos; is damaged: its header lists no {}.</source>
        <translation>“{}”已损坏：其文件头中没有 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/raster_reader.py" line="85"/>
        <source>&apos;{}&apos; is not a raster GDAL can read: {}</source>
        <translation>“{}”不是 GDAL 能读取的栅格：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/io/raster_reader.py" line="87"/>
        <source>&apos;{}&apos; is not a raster GDAL can read.</source>
        <translation>“{}”不是 GDAL 能读取的栅格。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/raster_writer.py" line="59"/>
        <source>The folder &apos;{}&apos; does not exist.</source>
        <translation>文件夹“{}”不存在。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/raster_writer.py" line="61"/>
        <source>The folder &apos;{}&apos; is not writable.</source>
        <translation>文件夹“{}”不可写。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/raster_writer.py" line="63"/>
        <source>&apos;{}&apos; is a folder, not a file name.</source>
        <translation>“{}”是文件夹，不是文件名。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/raster_writer.py" line="93"/>
        <source>Cannot create &apos;{}&apos;: {}</source>
        <translation>无法创建“{}”：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="43"/>
        <source>No ENVI header (.hdr) found beside &apos;{}&apos;: put the library&apos;s header in the same folder, named as the library with .hdr added or in place of its extension.</source>
        <translation>在“{}”旁边找不到 ENVI 头文件（.hdr）：请把光谱库的头文件放在同一文件夹中，文件名为光谱库文件名后加 .hdr，或把其扩展名换成 .hdr。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="51"/>
        <source>The header does not start with &apos;ENVI&apos;.</source>
        <translation>头文件不是以 'ENVI' 开头。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="73"/>
        <source>The ENVI header &apos;{}&apos; lacks or garbles {}.</source>
        <translation>ENVI 头文件“{}”缺少 {}，或其值无法解析。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="76"/>
        <source>&apos;{}&apos; is an image (bands = {}), not a spectral library.</source>
        <translation>“{}”是影像（bands = {}），不是光谱库。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="79"/>
        <source>ENVI data type {} is not supported.</source>
        <translation>不支持 ENVI 数据类型 {}。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="83"/>
        <source>The ENVI data file &apos;{}&apos; does not exist.</source>
        <translation>ENVI 数据文件“{}”不存在。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="86"/>
        <source>The header and the data of &apos;{}&apos; disagree: {} spectra of {} values of {} bytes need {} bytes, the file has {}.</source>
        <translation>“{}”的头文件与数据不一致：{} 条光谱、每条 {} 个值、每个值 {} 字节，共需 {} 字节，而文件为 {} 字节。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="95"/>
        <source>The header names {} spectra but holds {}.</source>
        <translation>头文件列出了 {} 条光谱名称，但包含 {} 条光谱。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="101"/>
        <source>The header lists {} wavelengths for {} values per spectrum.</source>
        <translation>头文件列出了 {} 个波长，而每条光谱有 {} 个值。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="112"/>
        <source>Class column &apos;{}&apos; was asked for but there is no metadata CSV at &apos;{}&apos;.</source>
        <translation>指定了类别列“{}”，但“{}”处没有元数据 CSV。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="123"/>
        <source>The metadata CSV &apos;{}&apos; has no column &apos;{}&apos;; it has: {}.</source>
        <translation>元数据 CSV“{}”中没有列“{}”；现有列：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="164"/>
        <source>&apos;{}&apos; has no spectra (a header row and one row per spectrum are needed).</source>
        <translation>“{}”中没有光谱（需要一行表头，每条光谱一行）。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="169"/>
        <source>&apos;{}&apos; has no wavelength columns: name them by wavelength, such as 450.2 or 450.2 nm.</source>
        <translation>“{}”中没有波长列：请用波长命名各列，如 450.2 或 450.2 nm。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="174"/>
        <source>Row {} of &apos;{}&apos; has {} cells but the header has {} columns: give every spectrum a cell (empty if need be) under each column.</source>
        <translation>第 {} 行（文件“{}”）有 {} 个单元格，但表头有 {} 列：请在每一列下为每条光谱给出一个单元格（必要时留空）。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="181"/>
        <source>&apos;{}&apos; holds a spectral value that is not a number: {}</source>
        <translation>“{}”中有非数字的光谱值：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="191"/>
        <source>&apos;{}&apos; has no column &apos;{}&apos;.</source>
        <translation>“{}”中没有列“{}”。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/spectral_library_files.py" line="199"/>
        <source>A CSV library needs wavelengths for its column names.</source>
        <translation>CSV 光谱库需要用波长作为列名。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detection.py" line="65"/>
        <source>The patch must be an odd number of pixels, 9 or more, so that the sample lies at its centre pixel; {} is not.</source>
        <translation>影像块边长必须是不小于 9 的奇数个像元，使样点位于其中心像元；{} 不符合。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detection.py" line="90"/>
        <source>The sample patches hold fewer than 2 valid pixels.</source>
        <translation>样点影像块中的有效像元少于 2 个。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detection.py" line="167"/>
        <source>Only {} spatial blocks of {} pixels hold samples, fewer than the {} folds: use smaller blocks or fewer folds.</source>
        <translation>只有 {} 个 {} 像元的空间分块含有样点，少于 {} 折：请使用更小的分块或更少的折数。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detection.py" line="188"/>
        <source>Fold {} leaves training samples of one class only ({} samples once those whose patch overlaps a test patch are left out): use fewer folds, larger blocks or a smaller patch.</source>
        <translation>第 {} 折的训练样点只有一个类别（排除影像块与测试影像块重叠的样点后剩 {} 个）：请使用更少的折数、更大的分块或更小的影像块。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detection_net.py" line="28"/>
        <source>PyTorch is not installed: on Debian or Ubuntu, sudo apt install python3-torch; elsewhere, pip install torch into the Python that QGIS uses.</source>
        <translation>未安装 PyTorch：在 Debian 或 Ubuntu 上运行 sudo apt install python3-torch；其他系统请用 pip install torch 安装到 QGIS 使用的 Python 中。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detection_net.py" line="38"/>
        <source>PyTorch sees no CUDA GPU here (PyTorch {} {}): choose the CPU, or install a CUDA build of PyTorch for this GPU.</source>
        <translation>PyTorch 在此未检测到 CUDA GPU（PyTorch {} {}）：请选择 CPU，或为此 GPU 安装支持 CUDA 的 PyTorch 版本。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/detection_net.py" line="138"/>
        <source>The training samples are all of one class.</source>
        <translation>训练样点全部属于同一类别。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/soil_standards.py" line="85"/>
        <source>cannot read &apos;{}&apos;: write each background value as metal=mg/kg, such as Pb=29.7, Cd=0.126.</source>
        <translation>无法读取“{}”：请把每个背景值写成“重金属=mg/kg”的形式，如 Pb=29.7, Cd=0.126。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/soil_standards.py" line="88"/>
        <source>the background value of {} is {:g}; it must be above 0 mg/kg.</source>
        <translation>{} 的背景值为 {:g}；必须大于 0 mg/kg。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/top_k.py" line="189"/>
        <source>the {} candidates are all taken by classes they match better</source>
        <translation>{} 个候选端元都已分配给与其匹配更好的类别</translation>
    </message>
    <message>
        <location filename="../algorithms/core/top_k.py" line="195"/>
        <source>no candidate lies within {:g} degrees of its spectra (the nearest: {:.1f} degrees)</source>
        <translation>没有候选端元与其光谱的夹角在 {:g} 度以内（最近的为 {:.1f} 度）</translation>
    </message>
    <message>
        <location filename="../algorithms/core/top_k.py" line="201"/>
        <source>K = {} keeps the classes matched best</source>
        <translation>K = {}，只保留匹配最好的类别</translation>
    </message>
    <message>
        <location filename="../algorithms/core/vca.py" line="60"/>
        <source>VCA found no valid pixels.</source>
        <translation>VCA 没有找到有效像元。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/detector_file.py" line="65"/>
        <source>&apos;{}&apos; is damaged or crafted: {}.</source>
        <translation>“{}”已损坏或被篡改：{}。</translation>
    </message>
    <message>
        <location filename="../algorithms/io/detector_file.py" line="71"/>
        <source>&apos;{}&apos; holds a model of format &apos;{}&apos;; this needs a pollution-source detector (&apos;{}&apos;), written by &apos;Train pollution-source detector&apos;.</source>
        <translation>“{}”中的模型格式为“{}”；此处需要由“训练污染源检测器（SI-LICNet）”写出的污染源检测器（“{}”）。</translation>
    </message>
    <message>
        <location filename="../algorithms/core/device.py" line="42"/>
        <source>No GPU can be used: {}. Install CuPy for your CUDA version (pip install cupy-cuda12x) and the CUDA Toolkit of that version, or choose the CPU.</source>
        <translation>无法使用 GPU：{}。请安装与你的 CUDA 版本对应的 CuPy（pip install cupy-cuda12x）和该版本的 CUDA Toolkit，或选择 CPU。</translation>
    </message>
</context>
</TS>
