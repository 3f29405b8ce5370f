<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportSpectralLibrary</name>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="21"/>
        <source>Import spectral library</source>
        <translation>导入光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="24"/>
        <source>Spectral libraries</source>
        <translation>光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="30"/>
        <source>Reads a spectral library file and writes it as a library layer: one feature per spectrum with fields name, source, class, row, col, score and the spectrum in &apos;profiles&apos; (EnMAP-Box JSON profile: wavelengths in nm and values), ready for prior-library matching.

Input: an ENVI spectral library (.sli with its .hdr; classes are taken from a CSV with the same base name when present, as earthlib ships) or a CSV with one row per spectrum, columns named by wavelength (450.2 or 450.2 nm) and optional name, class, source columns.
Class column: which metadata column names the class (default: &apos;class&apos;, or earthlib&apos;s LEVEL_3).

Reference: ENVI spectral library format, NV5 Geospatial; EnMAP-Box spectral profiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="41"/>
        <source>Spectral library file (.sli, .hdr or .csv)</source>
        <translation>光谱库文件（.sli、.hdr 或 .csv）</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="41"/>
        <source>Spectral libraries (*.sli *.hdr *.csv *.SLI *.HDR *.CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="44"/>
        <source>Class column in the metadata</source>
        <translation>元数据中的类别列</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="46"/>
        <source>Spectral library</source>
        <translation>光谱库</translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="55"/>
        <source>file not found: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="59"/>
        <source>The library has no wavelengths: it cannot be resampled to an image&apos;s bands until they are added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/import_spectral_library.py" line="61"/>
        <source>{} spectra of {} values read from {}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PcceeAlgorithm</name>
    <message>
        <location filename="../algorithms/base.py" line="28"/>
        <source>{} ({}): {}</source>
        <translation>{}（{}）：{}</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="34"/>
        <source>not a raster layer QGIS can open. Choose a raster file (GeoTIFF, ENVI, VRT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="37"/>
        <source>only file rasters read by GDAL are supported, not &apos;{}&apos; layers. Save the layer as GeoTIFF first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="46"/>
        <source>Band wavelengths when the raster has none (nm or um list, or a text file holding it)</source>
        <translation>栅格无波长信息时的波段波长（nm 或 µm 列表，或包含该列表的文本文件）</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="63"/>
        <source>Wavelengths: {} values given by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="67"/>
        <source>Wavelengths: {:.1f}-{:.1f} nm from the {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="71"/>
        <source>the raster &apos;{}&apos; has no band wavelengths in its metadata or band names. Give one wavelength per band ({} values) or the path of a text file holding them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="83"/>
        <source>{} Choose another output file.</source>
        <translation>{} 请选择其他输出文件。</translation>
    </message>
</context>
<context>
    <name>PcceeProvider</name>
    <message>
        <location filename="../algorithms/provider.py" line="27"/>
        <source>PCCEE heavy-metal mapping</source>
        <translation>PCCEE 重金属制图</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="30"/>
        <source>PCCEE: physically-constrained endmember extraction and heavy-metal inversion</source>
        <translation>PCCEE：物理约束协同端元提取与重金属反演</translation>
    </message>
</context>
<context>
    <name>RemoveBadBands</name>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="23"/>
        <source>Remove bad bands</source>
        <translation>去除坏波段</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="26"/>
        <source>Preparation</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="32"/>
        <source>Copies a hyperspectral raster without the bands that spoil spectral angles and unmixing: bands you list, the water-vapour absorption windows (about 1350-1450 nm and 1800-1950 nm) and bands that are constant or empty across the whole scene. Band names, wavelengths, nodata, CRS and geotransform are kept; the scene is streamed block by block.

Bad bands: 1-based numbers and ranges, such as 1-3, 108-112, 154-166.
Wavelengths: read from the raster (GDAL or ENVI metadata, or band names such as &apos;450.2 nm&apos;); give them when the raster has none.

Reference: Zhu (2017), arXiv:1708.05125, for the bands usually removed from AVIRIS scenes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="43"/>
        <source>Hyperspectral raster</source>
        <translation>高光谱栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="44"/>
        <source>Bad bands to drop (1-based, e.g. 1-3, 108-112)</source>
        <translation>要去除的坏波段（从 1 开始，如 1-3, 108-112）</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="46"/>
        <source>Drop water-vapour bands (1350-1450 and 1800-1950 nm)</source>
        <translation>去除水汽吸收波段（1350-1450 与 1800-1950 nm）</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="49"/>
        <source>Drop bands that are constant or empty across the scene</source>
        <translation>去除全景恒定或无值的波段</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="53"/>
        <source>Raster without bad bands</source>
        <translation>去除坏波段后的栅格</translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="71"/>
        <source>Keeping {} of {} bands; dropped: {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/remove_bad_bands.py" line="103"/>
        <source>cancelled; no output was written.</source>
        <translation>已取消；未写出任何结果。</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <location filename="../algorithms/library_layer.py" line="37"/>
        <source>{} Choose another output file.</source>
        <translation>{} 请选择其他输出文件。</translation>
    </message>
</context>
</TS>
