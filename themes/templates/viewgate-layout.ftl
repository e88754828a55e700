<#-- Shared layout of Viewgate's pages. Uses the realm login theme's stylesheets (keycloak.v2: PatternFly 5)
     plus viewgate.css, so it renders under any login theme. Output is HTML-escaped by Keycloak's FreeMarker setup. -->
<#macro page title>
<!DOCTYPE html>
<html lang="${lang!'en'}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <title>${title} · ${realm.displayName!realm.name}</title>
    <#if properties.stylesCommon?has_content>
        <#list properties.stylesCommon?split(' ') as style>
    <link href="${url.resourcesCommonPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
    <link href="${url.resourcesPath}/css/viewgate.css" rel="stylesheet">
</head>
<body class="viewgate">
<#-- The view-as banner slot: every page shows it while view-as is active. -->
<#if viewAsBanner??>
    <div class="viewgate-banner" role="status" id="viewgate-view-as-banner">
        <span id="viewgate-view-as-text">${msg("viewgateViewingAs", viewAsBanner.subject)}</span>
        <form method="post" action="${viewAsBanner.exitUrl}">
            <input type="hidden" name="csrf" value="${csrf}">
            <button type="submit" id="viewgate-view-as-exit" class="pf-v5-c-button pf-m-secondary viewgate-button">${msg("viewgateViewAsExit")}</button>
        </form>
    </div>
</#if>
<header class="viewgate-header">
    <a class="viewgate-brand" href="${viewgateUrl}">${realm.displayName!realm.name}</a>
    <nav class="viewgate-nav">
        <a href="${viewgateUrl}" id="viewgate-nav-home">${msg("viewgateMyAccess")}</a>
        <a href="${signOutUrl}" id="viewgate-nav-sign-out">${msg("viewgateSignOut")}</a>
    </nav>
</header>
<main class="viewgate-main">
    <section class="pf-v5-c-card viewgate-card">
        <h1 class="pf-v5-c-title pf-m-2xl viewgate-title">${title}</h1>
        <#nested>
    </section>
</main>
</body>
</html>
</#macro>
