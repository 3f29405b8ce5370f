<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="19"/>
        <source>Trees per forest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="21"/>
        <source>Cross-validation folds (0 = leave one out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="23"/>
        <source>Cross-validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="23"/>
        <source>Random folds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="23"/>
        <source>Spatial blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="25"/>
        <source>Spatial block size (map units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="27"/>
        <source>Random seed</source>
        <translation type="unfinished">随机种子</translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="29"/>
        <source>Minimum samples per leaf</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareUnmixing</name>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="32"/>
        <source>Compare unmixing methods</source>
        <translation>比较解混方法</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="47"/>
        <source>Methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="56"/>
        <source>Comparison table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="58"/>
        <source>Comparison report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="58"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="66"/>
        <source>choose at least one method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="89"/>
        <source>{}: RMSE {:.5f}, mean sum {:.3f}, {:.2f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="35"/>
        <source>Runs several unmixing methods on the same raster and endmembers and tabulates, per method, the mean reconstruction RMSE, the mean sum of abundances (1 for a physical mixture) and the wall time, as in the paper&apos;s Table 2 (LMM 4.14 s, NMF 74.34 s, SVR 1320.58 s there). With SAMPLES, each method&apos;s abundances at the samples feed a Random Forest per metal and the table gets the cross-validated R2 of every metal and their mean (5 random folds, seeded). Nothing is written but the table and an HTML report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="50"/>
        <source>Soil samples (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="52"/>
        <source>Metal fields (comma-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="54"/>
        <source>Trees per forest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/compare_unmixing.py" line="89"/>
        <source>, mean CV R2 {:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConcentrationMaps</name>
    <message>
        <location filename="../algorithms/invert_metals.py" line="30"/>
        <source>Concentrations (mg/kg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="31"/>
        <source>Uncertainty: spread of the trees (mg/kg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrelateMetals</name>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="31"/>
        <source>Correlate metals</source>
        <translation>重金属相关分析</translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="35"/>
        <source>Pearson correlation between the metals of a concentration raster (one band per metal) over the pixels valid in every band, accumulated block by block; or, when SAMPLES are given, between the measured values of the chosen fields (each pair over the samples holding both). Spearman ranks optionally (rasters: on a random sample of 100000 pixels). Constant bands are left out with a warning. Outputs: the matrix as a table (r and n per pair) and an HTML heat map with the values in the cells, metals ordered by hierarchical clustering so that groups such as Pb-Cd-Zn stand together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="45"/>
        <source>Concentration raster</source>
        <translation>含量栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="46"/>
        <source>Samples (instead of a raster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="48"/>
        <source>Metal fields of the samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="52"/>
        <source>Spearman rank correlation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="53"/>
        <source>Correlation table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="55"/>
        <source>Correlation heat map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="55"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="64"/>
        <source>choose at least two metal fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="71"/>
        <source>&apos;{}&apos; is constant or empty: left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="76"/>
        <source>{} correlation of the metals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="85"/>
        <source>give a concentration raster or sample points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="88"/>
        <source>the raster has a single band; correlation needs one band per metal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="102"/>
        <source>fewer than 3 pixels are valid in every band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/correlate_metals.py" line="109"/>
        <source>Correlation over {} pixels valid in every band.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateSampleScene</name>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="41"/>
        <source>Create simulated sample scene</source>
        <translation>创建模拟示例场景</translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="45"/>
        <source>Creates a SIMULATED GaoFen-5 AHSI scene of a mining area with known truth, to try the PCCEE workflow and to test it: 330 bands (VNIR 390-1029 nm, SWIR 1004-2513 nm) at 30 m in UTM 49N near Lengshuijiang, mixed from real spectra (USGS splib07 spruce, jarosite-bearing tailings and turbid water; earthlib red soil and road) over a river, tailings ponds, a town, forest and fields, with sensor noise at the given SNR and optional outlier pixels.

Outputs: the scene (int16 reflectance x 10000), the true abundances of the five materials, the true concentrations of Pb, Cd, Cr, Hg, As, Cu, Zn and Ni (mg/kg), and 53 soil samples (WGS 84 points, grid plus random design) holding the true values at their pixels.
The same seed gives the same files. The model is documented in the plugin&apos;s algorithms/core/scene_simulation.py.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="58"/>
        <source>Scene size (pixels per side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="61"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="63"/>
        <source>Signal-to-noise ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="65"/>
        <source>Outlier pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="70"/>
        <source>Simulated scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="71"/>
        <source>Simulated true abundances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="73"/>
        <source>Simulated true concentrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="75"/>
        <source>Simulated soil samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="95"/>
        <source>Simulated {0} x {0} pixels, seed {1}, SNR {2:g}, {3} outlier pixels at (row, col) {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/create_sample_scene.py" line="111"/>
        <source>Simulated GF-5 scene</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndmemberAblation</name>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="47"/>
        <source>Compare endmember workflows (ablation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="50"/>
        <source>The ablation of the paper&apos;s Table 1. PPI, VCA and the prior-library SAM (PS) each run once on the raster; then each workflow (PPI, PPI+VCA, PPI+PS, VCA, VCA+PS, PS, PPI+VCA+PS) builds its endmember library, unmixes the raster with NNLS, and a Random Forest per metal is cross-validated on the abundances at the soil samples, with the same seed and folds for every workflow.

Libraries: without PS, all the candidates of the workflow (merged, a pixel found twice kept once): there is no prior to rank them. With PS, the candidates and the prior-matched pixels go through the Top-K optimisation (K, one per prior class), as in the PCCEE workflow; a workflow whose candidates match fewer classes keeps fewer (the table says how many).
Outputs: a table (per workflow: number of endmembers, CV R2 per metal and their mean, seconds) and an HTML report with a grouped bar chart. Seconds: the extractions the workflow uses, its selection, unmixing and cross-validation; the full-scene concentration maps are not drawn. Each row equals running the steps one by one with &apos;Invert metal concentrations&apos; on the same settings.
Remove bad bands first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="66"/>
        <source>Hyperspectral raster</source>
        <translation type="unfinished">高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="67"/>
        <source>Soil samples</source>
        <translation type="unfinished">土壤样点</translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="69"/>
        <source>Metal fields (comma-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="71"/>
        <source>Workflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="74"/>
        <source>Prior spectral library (empty: built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="76"/>
        <source>PPI endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="76"/>
        <source>VCA endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="76"/>
        <source>PPI skewers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="76"/>
        <source>K (Top-K endmembers of the workflows with PS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="85"/>
        <source>Workflow comparison table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="87"/>
        <source>Workflow comparison report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="87"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="95"/>
        <source>not a point layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="116"/>
        <source>{}: {} endmembers, mean CV R2 {:.3f} ({}), {:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="120"/>
        <source>Best mean CV R2: {} ({:.3f}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_ablation.py" line="122"/>
        <source>NNLS unmixing; Random Forest of {} trees, {} folds, seed {}; Top-K = {} for the workflows with PS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndmemberExtraction</name>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="25"/>
        <source>Hyperspectral raster</source>
        <translation type="unfinished">高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="26"/>
        <source>Number of endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="29"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="35"/>
        <source>{} endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="42"/>
        <source>the raster has a single band; endmember extraction needs a multi- or hyperspectral raster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="70"/>
        <source>the raster has no valid pixel (all nodata, NaN or zero in at least one band). If some bands are empty, remove them first with &apos;Remove bad bands&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="74"/>
        <source>{} endmembers were asked for but the raster has only {} valid pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/endmember_extraction.py" line="87"/>
        <source>{}: row {}, col {}, score {:g}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtractEndmembersPpi</name>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="37"/>
        <source>Extract endmembers (PPI)</source>
        <translation>端元提取（PPI）</translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="40"/>
        <source>Pixel Purity Index: projects every pixel on SKEWERS random directions (isotropic unit vectors) and counts how often each pixel is the extreme; the purest pixels are counted most. Runs on the GPU with CuPy when one is present (DEVICE), otherwise on the CPU, block by block.

Spatial filter (PCCEE): a candidate must have at least 2 of its 8 neighbours within the support angle (isolated hot or saturated pixels are dropped), and kept endmembers must differ by the separation angle and lie 3 pixels apart, so ten endmembers are not ten pixels of one field.
Reduce: 0 projects the full spectra, as the paper does; N &gt; 0 projects on the first N principal components first (much faster on large scenes, and less noise).
Outputs: the endmember library (score = PPI count, spectra from the original bands) and a raster of PPI counts. Remove bad bands first: noisy water-vapour bands add noise to the counts.

Reference: Boardman, Kruse and Green (1995), Mapping target signatures via partial unmixing of AVIRIS data, JPL Publication 95-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="56"/>
        <source>Number of skewers (random projections)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="59"/>
        <source>Principal components to project first (0 = full spectra)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="62"/>
        <source>Spatial filter: drop isolated outliers, keep endmembers apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="64"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="64"/>
        <source>Auto (GPU if available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="64"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="64"/>
        <source>GPU (CuPy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="67"/>
        <source>Support angle for neighbours (degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="67"/>
        <source>Separation angle between endmembers (degrees)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="75"/>
        <source>PPI counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="83"/>
        <source>{} components asked for but the raster has {} bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="90"/>
        <source>PPI with {} skewers on {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="97"/>
        <source>Projected on {} principal components ({:.2%} of the variance).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="130"/>
        <source>Spatial filter: dropped isolated pixel at row {}, col {} (PPI count {}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_ppi.py" line="139"/>
        <source>Only {} distinct endmembers among the PPI candidates (asked for {}); lower the separation angle or add skewers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtractEndmembersVca</name>
    <message>
        <location filename="../algorithms/extract_endmembers_vca.py" line="21"/>
        <source>Extract endmembers (VCA)</source>
        <translation>端元提取（VCA）</translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_vca.py" line="24"/>
        <source>Vertex Component Analysis: removes the mean, projects the pixels on the principal components that hold VARIANCE of the variance (at least ENDMEMBERS - 1 of them), and finds the vertices of the data simplex one by one, each the pixel with the largest projection on a random direction orthogonal to the vertices found before. Good at medium-purity endmembers (vegetated soils), complementing PPI. The scene is streamed block by block.

Output: the endmember library (spectra from the original bands, score = order found).

Reference: Nascimento and Bioucas-Dias (2005), Vertex component analysis: a fast algorithm to unmix hyperspectral data, IEEE TGRS 43(4), 898-910.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_vca.py" line="36"/>
        <source>Variance kept by PCA (fraction)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_vca.py" line="45"/>
        <source>VCA finds at most bands + 1 = {} endmembers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_vca.py" line="52"/>
        <source>PCA: {} components hold {:.2%} of the variance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/extract_endmembers_vca.py" line="64"/>
        <source>Large scene: the reduced pixels are re-read for each vertex.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSpectralLibrary</name>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="22"/>
        <source>Import spectral library</source>
        <translation>导入光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="26"/>
        <source>Reads a spectral library file and writes it as a library layer: one feature per spectrum with fields name, source, class, row, col, score and the spectrum in &apos;profiles&apos; (EnMAP-Box JSON profile: wavelengths in nm and values), ready for prior-library matching.

Input: an ENVI spectral library (.sli with its .hdr; classes are taken from a CSV with the same base name when present, as earthlib ships) or a CSV with one row per spectrum, columns named by wavelength (450.2 or 450.2 nm) and optional name, class, source columns.
Class column: which metadata column names the class (default: &apos;class&apos;, or earthlib&apos;s LEVEL_3).

Reference: ENVI spectral library format, NV5 Geospatial; EnMAP-Box spectral profiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="37"/>
        <source>Spectral library file (.sli, .hdr or .csv)</source>
        <translation>光谱库文件（.sli、.hdr 或 .csv）</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="37"/>
        <source>Spectral libraries (*.sli *.hdr *.csv *.SLI *.HDR *.CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="40"/>
        <source>Class column in the metadata</source>
        <translation>元数据中的类别列</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="42"/>
        <source>Spectral library</source>
        <translation>光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="51"/>
        <source>file not found: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="55"/>
        <source>The library has no wavelengths: it cannot be resampled to an image&apos;s bands until they are added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="57"/>
        <source>{} spectra of {} values read from {}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvertMetals</name>
    <message>
        <location filename="../algorithms/invert_metals.py" line="65"/>
        <source>Invert metal concentrations (Random Forest)</source>
        <translation>重金属含量反演（随机森林）</translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="68"/>
        <source>Trains one Random Forest per metal from the abundances (any raster bands) at the soil samples, reports cross-validated R2, RMSE and RPD (out-of-fold predictions, never the training fit; RPD &lt; 1.4 poor, 1.4-2.0 acceptable, 2.0-2.5 good, &gt; 2.5 excellent) beside the training R2, and maps the concentrations over the whole scene with their uncertainty (the spread of the trees).

Samples in any CRS are reprojected to the raster&apos;s; samples outside the raster, on nodata, or without a numeric value for a metal are left out for that metal and listed in the log and report.
Folds: 0 = leave-one-out. CV: random folds, or spatial blocks of the given size (map units) so that neighbouring samples never validate each other.
The model file (.npz of plain arrays with a digest, no pickled code) is applied to other scenes by &apos;Predict metal concentrations&apos;.

Reference: Breiman (2001), Random forests, Machine Learning 45.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="81"/>
        <source>Abundances (or other predictors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="82"/>
        <source>Soil samples</source>
        <translation>土壤样点</translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="84"/>
        <source>Metal fields (comma-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="88"/>
        <source>Cross-validated metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="90"/>
        <source>Inversion report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="90"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="92"/>
        <source>Trained model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="92"/>
        <source>PCCEE model (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="100"/>
        <source>not a point layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="102"/>
        <source>has no coordinate reference system; set it in the layer properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/invert_metals.py" line="116"/>
        <source>{}: n = {}, CV R2 = {:.3f}, RMSE = {:.4g}, RPD = {:.2f} ({}), training R2 = {:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatchPriorLibrary</name>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="27"/>
        <source>Match prior spectral library (SAM)</source>
        <translation>先验光谱库匹配（SAM）</translation>
    </message>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="31"/>
        <source>Resamples each reference spectrum of a prior library to the image&apos;s wavelengths (linear interpolation) and takes the pixel with the smallest spectral angle to it as an endmember: the physical constraint of PCCEE. A reference measured over part of the image&apos;s range is compared on the bands it covers (the log says which); one with no overlap is refused.

Library: a library layer, a file (.sli, .hdr, .csv), or, when both are empty, the built-in library of measured vegetation, urban, mining-soil and water spectra (USGS splib07, earthlib).
Outputs: one endmember per reference (source PRIOR, class copied, score = angle in degrees) and a raster with the angle of every pixel to every reference.

Reference: Kruse et al. (1993), The spectral image processing system (SIPS), Remote Sensing of Environment 44, 145-163.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="44"/>
        <source>Hyperspectral raster</source>
        <translation type="unfinished">高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="45"/>
        <source>Prior spectral library (empty: built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="48"/>
        <source>Prior-matched endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="50"/>
        <source>Spectral angle to each reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="62"/>
        <source>the raster has no valid pixel to match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/match_prior_library.py" line="69"/>
        <source>{} ({}): row {}, col {}, {:.2f} degrees</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MergeEndmembers</name>
    <message>
        <location filename="../algorithms/merge_endmembers.py" line="17"/>
        <source>Merge endmember libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/merge_endmembers.py" line="20"/>
        <source>Pools endmember libraries (PPI, VCA, prior matching, lab spectra) into one library for unmixing, keeping every spectrum: no prior ranking, unlike &apos;Select Top-K endmembers&apos;. A pixel found by several methods is kept once. Libraries on other wavelength grids are resampled to the first library&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/merge_endmembers.py" line="27"/>
        <source>Endmember libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/merge_endmembers.py" line="29"/>
        <source>Merged endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/merge_endmembers.py" line="34"/>
        <source>{} endmembers in the merged library.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PcceeAlgorithm</name>
    <message>
        <location filename="../algorithms/base.py" line="52"/>
        <source>{} ({}): {}</source>
        <translation>{}（{}）：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="71"/>
        <source>not a raster layer QGIS can open. Choose a raster file (GeoTIFF, ENVI, VRT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="74"/>
        <source>only file rasters read by GDAL are supported, not &apos;{}&apos; layers. Save the layer as GeoTIFF first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="83"/>
        <source>Band wavelengths when the raster has none (nm or um list, or a text file holding it)</source>
        <translation>栅格无波长信息时的波段波长（nm 或 µm 列表，或包含该列表的文本文件）</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="101"/>
        <source>Wavelengths: {} values given by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="105"/>
        <source>Wavelengths: {:.1f}-{:.1f} nm from the {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="109"/>
        <source>the raster &apos;{}&apos; has no band wavelengths in its metadata or band names. Give one wavelength per band ({} values) or the path of a text file holding them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="134"/>
        <source>{} Choose another output file.</source>
        <translation>{} 请选择其他输出文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="65"/>
        <source>Cancelled; no output was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="19"/>
        <source>Sample data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="20"/>
        <source>Spectral libraries</source>
        <translation type="unfinished">光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="21"/>
        <source>Preparation</source>
        <translation type="unfinished">预处理</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="22"/>
        <source>Endmember extraction</source>
        <translation>端元提取</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="23"/>
        <source>Unmixing</source>
        <translation>混合像元分解</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="24"/>
        <source>Inversion</source>
        <translation>反演</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="25"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="59"/>
        <source>this needs scikit-learn: on Debian or Ubuntu, sudo apt install python3-sklearn; elsewhere, pip install scikit-learn into the Python that QGIS uses.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PcceeProvider</name>
    <message>
        <location filename="../algorithms/provider.py" line="53"/>
        <source>PCCEE heavy-metal mapping</source>
        <translation>PCCEE 重金属制图</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="56"/>
        <source>PCCEE: physically-constrained endmember extraction and heavy-metal inversion</source>
        <translation>PCCEE：物理约束协同端元提取与重金属反演</translation>
    </message>
</context>
<context>
    <name>PredictMetals</name>
    <message>
        <location filename="../algorithms/predict_metals.py" line="15"/>
        <source>Predict metal concentrations</source>
        <translation>预测重金属含量</translation>
    </message>
    <message>
        <location filename="../algorithms/predict_metals.py" line="18"/>
        <source>Maps metal concentrations and their uncertainty (spread of the trees) from an abundance raster with the forests saved by &apos;Invert metal concentrations&apos;. The raster must have the predictors the model was trained on, in the same order. Only model files written by this plugin are read: they hold plain arrays and a digest, and a file that is not one, or has been altered, is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/predict_metals.py" line="25"/>
        <source>Abundances (or other predictors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/predict_metals.py" line="26"/>
        <source>Trained model (.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/predict_metals.py" line="36"/>
        <source>the model was trained on {} predictors ({}) but the raster has {} bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/predict_metals.py" line="40"/>
        <source>Band names differ from the model&apos;s predictors ({}): check the order.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoveBadBands</name>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="24"/>
        <source>Remove bad bands</source>
        <translation>去除坏波段</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="28"/>
        <source>Copies a hyperspectral raster without the bands that spoil spectral angles and unmixing: bands you list, the water-vapour absorption windows (about 1350-1450 nm and 1800-1950 nm) and bands that are constant or empty across the whole scene. Band names, wavelengths, nodata, CRS and geotransform are kept; the scene is streamed block by block.

Bad bands: 1-based numbers and ranges, such as 1-3, 108-112, 154-166.
Wavelengths: read from the raster (GDAL or ENVI metadata, or band names such as &apos;450.2 nm&apos;); give them when the raster has none.

Reference: Zhu (2017), arXiv:1708.05125, for the bands usually removed from AVIRIS scenes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="39"/>
        <source>Hyperspectral raster</source>
        <translation>高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="40"/>
        <source>Bad bands to drop (1-based, e.g. 1-3, 108-112)</source>
        <translation>要去除的坏波段（从 1 开始，如 1-3, 108-112）</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="42"/>
        <source>Drop water-vapour bands (1350-1450 and 1800-1950 nm)</source>
        <translation>去除水汽吸收波段（1350-1450 与 1800-1950 nm）</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="45"/>
        <source>Drop bands that are constant or empty across the scene</source>
        <translation>去除全景恒定或无值的波段</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="49"/>
        <source>Raster without bad bands</source>
        <translation>去除坏波段后的栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="67"/>
        <source>Keeping {} of {} bands; dropped: {}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelectTopKEndmembers</name>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="28"/>
        <source>Select Top-K endmembers</source>
        <translation>选择 Top-K 端元</translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="32"/>
        <source>Pools candidate endmember libraries (PPI, VCA, prior matching), ranks every candidate by its smallest spectral angle to the prior library, labels it with the class of that nearest prior spectrum and keeps the K best (default 4, as in the paper: soil, vegetation, urban, water), at most one per prior class unless allowed. A pixel found by several methods counts once.

Output: the optimised library, score = angle to the prior in degrees, class = matched class.

Reference: the PCCEE framework (physically-constrained collaborative endmember extraction).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="41"/>
        <source>Candidate endmember libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="43"/>
        <source>Prior spectral library (empty: built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="45"/>
        <source>K (endmembers to keep)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="47"/>
        <source>At most one per prior class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="53"/>
        <source>Top-K endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="73"/>
        <source>{}{} ({}): {:.2f} degrees to {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="49"/>
        <source>Keep fewer than K when the candidates match fewer prior classes (instead of failing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/select_top_k_endmembers.py" line="70"/>
        <source>Only {} of K = {} endmembers kept: too few candidates, or they match too few prior classes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpectralAngleMaps</name>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="28"/>
        <source>Spectral angle maps and spectra plot</source>
        <translation>光谱角图与光谱曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="32"/>
        <source>Heat maps of the spectral angle between every pixel and each endmember of a library, one band per endmember, styled so that small angles (where the endmember&apos;s material is pure) stand out: endmembers that make sense gather on tailings, vegetation or water, not on scattered pixels.
Spectra plot: all endmembers on one set of axes, prior spectra dashed, with the 700-750 nm red edge and the 2200 nm clay absorption marked (HTML with a table, or PNG if the name ends in .png).

Reference: the PCCEE framework, section 2.3.4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="41"/>
        <source>Hyperspectral raster</source>
        <translation type="unfinished">高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="42"/>
        <source>Endmember library</source>
        <translation>端元光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="43"/>
        <source>Prior library to plot dashed (empty: built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="46"/>
        <source>Spectral angle maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="47"/>
        <source>Endmember spectra plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="47"/>
        <source>HTML files (*.html);;PNG files (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/spectral_angle_maps.py" line="59"/>
        <source>the library has no wavelengths.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnmixAbundances</name>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="41"/>
        <source>Unmix abundances</source>
        <translation>丰度反演（解混）</translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="45"/>
        <source>Estimates the fraction of each endmember in every pixel. NNLS (default): linear mixture model with non-negative abundances, solved exactly (Lawson-Hanson for all pixels of a block at once); FCLS: non-negative and summing to one; UCLS: unconstrained least squares; NMF: non-negative matrix factorisation started from the endmembers (refined on a random sample of pixels unless fixed); SVR: one support vector regression per endmember trained on synthetic mixtures. Endmembers are resampled to the image&apos;s wavelengths when their grids differ. Streamed block by block.

Outputs: one band per endmember (named after it, nodata where the input is invalid) and the per-pixel RMSE of the reconstruction.

References: Heinz and Chang (2001), IEEE TGRS 39(3); Lawson and Hanson (1974), Solving Least Squares Problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="58"/>
        <source>Hyperspectral raster</source>
        <translation type="unfinished">高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="59"/>
        <source>Endmember library</source>
        <translation>端元光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="60"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="60"/>
        <source>NNLS: linear mixture, non-negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="60"/>
        <source>FCLS: non-negative, sum to one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="60"/>
        <source>UCLS: unconstrained least squares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="60"/>
        <source>NMF: non-negative matrix factorisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="60"/>
        <source>SVR: support vector regression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="67"/>
        <source>NMF: keep the endmembers fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="68"/>
        <source>NMF: pixels sampled to refine the endmembers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="70"/>
        <source>SVR: synthetic training mixtures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="72"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="79"/>
        <source>Abundances</source>
        <translation>丰度</translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="80"/>
        <source>Reconstruction RMSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="110"/>
        <source>Endmembers resampled to the image&apos;s {} bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="112"/>
        <source>the endmembers have {} values but the raster has {} bands, and wavelengths are missing to resample them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="117"/>
        <source>the endmembers do not overlap the image&apos;s wavelengths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="119"/>
        <source>Unmixing on the {} of {} bands that every endmember covers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="126"/>
        <source>Endmembers &apos;{}&apos; and &apos;{}&apos; are {:.2f} degrees apart: nearly duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="128"/>
        <source>Condition number of the endmembers&apos; Gram matrix: {:.3g}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="130"/>
        <source> Abundances of similar endmembers are unstable; remove duplicates or collinear endmembers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="141"/>
        <source>Training one SVR per endmember on synthetic mixtures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/unmix_abundances.py" line="151"/>
        <source>Refining the endmembers by NMF on {} sampled pixels.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZonePollution</name>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="63"/>
        <source>Zone pollution (K-means)</source>
        <translation>污染分区（K 均值）</translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="67"/>
        <source>Clusters the pixels of a concentration raster (one band per metal) by K-means on standardised (optionally log-transformed) metal vectors. K = 0 chooses K in K_MIN-K_MAX on a random sample of pixels: the silhouette maximum decides and the elbow of the SSE curve is reported beside it. Zones are numbered by their mean standardised concentration (1 = lowest) and named; for K = 3: low background, moderate diffusion, high-risk composite. Every pixel is then assigned block by block.
Outputs: the zone raster (paletted, with a legend), a table per zone (pixels, hectares, mean and 10th/50th/90th percentiles of each metal from the sample) and an HTML report with the elbow and silhouette curves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="78"/>
        <source>Concentration raster</source>
        <translation>含量栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="79"/>
        <source>Number of zones (0 = choose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="81"/>
        <source>Smallest K to try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="83"/>
        <source>Largest K to try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="85"/>
        <source>Pixels sampled to fit and choose K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="87"/>
        <source>Log-transform skewed metals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="89"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="91"/>
        <source>Pollution zones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="92"/>
        <source>Zone statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="94"/>
        <source>Zoning report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="94"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="104"/>
        <source>K_MAX ({}) is smaller than K_MIN ({}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="116"/>
        <source>the raster has no pixel valid in every band.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="118"/>
        <source>SAMPLE_SIZE ({}) exceeds the {} valid pixels: all of them are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="124"/>
        <source>&apos;{}&apos; is constant: left out of the clustering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="131"/>
        <source>K = {}: silhouette maximum {}, elbow {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/zone_pollution.py" line="102"/>
        <source>one zone is no zoning: give 0 (choose) or at least 2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <location filename="../algorithms/prior_library.py" line="20"/>
        <source>{} from a file (.sli, .hdr or .csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="20"/>
        <source>Spectral libraries (*.sli *.hdr *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="23"/>
        <source>Class field of the library layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="42"/>
        <source>Prior library: the built-in one ({} measured spectra of {}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="47"/>
        <source>the library has no wavelengths, so it cannot be resampled to the image&apos;s bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="51"/>
        <source>The prior library has no classes: each spectrum is its own class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="62"/>
        <source>&apos;{}&apos; ({:.0f}-{:.0f} nm) does not overlap the image&apos;s wavelengths ({:.0f}-{:.0f} nm).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/prior_library.py" line="67"/>
        <source>&apos;{}&apos; covers {:.0f}-{:.0f} nm: matched on {} of the image&apos;s {} bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="14"/>
        <source>no field named {} in the samples; they have: {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/sample_points.py" line="37"/>
        <source>no sample lies on the raster (after reprojection to {}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="70"/>
        <source>{}: {} sample(s) left out, {}: ids {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/metal_cross_validation.py" line="74"/>
        <source>only {} usable samples for {} (field &apos;{}&apos;); at least {} are needed for {} folds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/library_layer.py" line="79"/>
        <source>give at least one endmember library layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/library_layer.py" line="87"/>
        <source>{} has no wavelengths.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
